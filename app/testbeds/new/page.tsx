import type { Metadata } from "next";
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
        breadcrumb={{ href: "/testbeds", label: "Testbeds" }}
        description="Add the links (migration networks) on the next page."
      />
      <Card>
        <TestbedForm action={createTestbedAction} submitLabel="Create testbed" />
      </Card>
    </>
  );
}
