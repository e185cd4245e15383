import type { Metadata } from "next";
import { getProfile } from "@/lib/db/profiles";
import { BYTES_PER_GIB } from "@/lib/format/units";
import { FormPage } from "@/components/ui/form-page";
import { updateProfileAction } from "../../actions";
import { ProfileForm } from "../../_components/profile-form";
import { canReadPages, requirePageRole } from "@/lib/auth/guard";
import { findFromParams, loadFromParams } from "@/lib/http/route-params";

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  if (!(await canReadPages())) return {};
  const profile = await findFromParams(params, getProfile);
  return { title: profile ? `Edit ${profile.name}` : "VM profile not found" };
}

export default async function EditProfilePage({ params }: { params: Promise<{ id: string }> }) {
  await requirePageRole("operator");
  const profile = await loadFromParams(params, getProfile);
  return (
    <FormPage
      title={`Edit ${profile.name}`}
      breadcrumb={{ href: "/profiles", label: "VM profiles" }}
      description={
        profile._count.runs
          ? `${profile._count.runs} run(s) used this profile; editing it changes how those results are labelled.`
          : undefined
      }
    >
      <ProfileForm
        action={updateProfileAction.bind(null, profile.id)}
        submitLabel="Save VM profile"
        initial={{
          name: profile.name,
          memoryGiB: profile.memoryBytes / BYTES_PER_GIB,
          vcpuCount: profile.vcpuCount,
          vmCount: profile.vmCount,
          workload: profile.workload,
          dirtyRateMBps: profile.dirtyRateBytesPerSec ? profile.dirtyRateBytesPerSec / 1e6 : null,
          workingSetGiB: profile.workingSetBytes ? profile.workingSetBytes / BYTES_PER_GIB : null,
          notes: profile.notes,
        }}
      />
    </FormPage>
  );
}
