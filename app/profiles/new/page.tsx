import type { Metadata } from "next";
import { FormPage } from "@/components/ui/form-page";
import { createProfileAction } from "../actions";
import { ProfileForm } from "../_components/profile-form";
import { requirePageRole } from "@/lib/auth/guard";

export const metadata: Metadata = { title: "New VM profile" };

export default async function NewProfilePage() {
  await requirePageRole("operator");
  return (
    <FormPage title="New VM profile" breadcrumb={{ href: "/profiles", label: "VM profiles" }}>
      <ProfileForm action={createProfileAction} submitLabel="Create VM profile" />
    </FormPage>
  );
}
