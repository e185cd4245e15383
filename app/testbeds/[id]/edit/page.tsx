import type { Metadata } from "next";
import { getTestbed } from "@/lib/db/testbeds";
import { BYTES_PER_GIB } from "@/lib/format/units";
import { storedConnectionSettings } from "@/lib/schemas/connection";
import { FormPage } from "@/components/ui/form-page";
import { updateTestbedAction } from "../../actions";
import { TestbedForm } from "../../_components/testbed-form";
import { canReadPages, requirePageRole } from "@/lib/auth/guard";
import { findFromParams, loadFromParams } from "@/lib/http/route-params";

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  if (!(await canReadPages())) return {};
  const testbed = await findFromParams(params, getTestbed);
  return { title: testbed ? `Edit ${testbed.name}` : "Testbed not found" };
}

export default async function EditTestbedPage({ params }: { params: Promise<{ id: string }> }) {
  await requirePageRole("admin");
  const testbed = await loadFromParams(params, getTestbed);
  return (
    <FormPage
      title={`Edit ${testbed.name}`}
      breadcrumb={{ href: `/testbeds/${testbed.id}`, label: `← ${testbed.name}` }}
    >
      <TestbedForm
        action={updateTestbedAction.bind(null, testbed.id)}
        submitLabel="Save testbed"
        initial={{
          name: testbed.name,
          hypervisor: testbed.hypervisor,
          sourceHost: testbed.sourceHost,
          destinationHost: testbed.destinationHost,
          hostMemoryGiB: testbed.hostMemoryBytes ? testbed.hostMemoryBytes / BYTES_PER_GIB : null,
          connectionJson: JSON.stringify(storedConnectionSettings(testbed.connectionJson), null, 2),
          notes: testbed.notes,
          linkScale: testbed.linkScale,
          maxConcurrentRuns: testbed.maxConcurrentRuns,
        }}
      />
    </FormPage>
  );
}
