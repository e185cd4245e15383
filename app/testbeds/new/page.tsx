import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import { Card } from "@/components/ui/card";
import { createTestbedAction } from "../actions";
import { TestbedForm } from "../_components/testbed-form";
import { requirePageRole } from "@/lib/auth/guard";

export const metadata: Metadata = { title: "New testbed" };

export default async function NewTestbedPage() {
  await requirePageRole("admin");
  return (
    <>
      <PageHeader
        title="New testbed"
        breadcrumb={
          <Link href="/testbeds" className="hover:underline">
            Testbeds
          </Link>
        }
        description="Add the links (migration networks) on the next page."
      />
      <Card>
        <TestbedForm action={createTestbedAction} submitLabel="Create testbed" />
      </Card>
    </>
  );
}
