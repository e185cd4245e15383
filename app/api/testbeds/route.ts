import { NextResponse } from "next/server";
import { listTestbeds } from "@/lib/db/testbeds";

/** GET /api/testbeds: every testbed with its link and campaign counts. */
export async function GET() {
  const testbeds = await listTestbeds();
  return NextResponse.json({ testbeds });
}
