import type { Metadata } from "next";
import { FormPage } from "@/components/ui/form-page";
import { createTestbedAction } from "../actions";
import { TestbedForm } from "../_components/testbed-form";
import { requirePageRole } from "@/lib/auth/guard";

export const metadata: Metadata = { title: "New testbed" };

export default async function NewTestbedPage() {
  await requirePageRole("admin");
  return (
    <FormPage
      title="New testbed"
      breadcrumb={{ href: "/testbeds", label: "Testbeds" }}
      description="Add the links (migration networks) on the next page."
    >
      <TestbedForm action={createTestbedAction} submitLabel="Create testbed" />
    </FormPage>
  );
}
