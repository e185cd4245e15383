import { NextResponse } from "next/server";
import { getTestbed } from "@/lib/db/testbeds";
import { apiError, routeId } from "../../_lib/http";

/** GET /api/testbeds/:id: one testbed with its links. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const id = await routeId(params, "Testbed");
  if (!id.ok) return id.response;
  const testbed = await getTestbed({ id: id.id });
  if (!testbed) return apiError(404, `Testbed #${id.id} not found`);
  return NextResponse.json({ testbed });
}
