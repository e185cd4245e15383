import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { Card } from "@/components/ui/card";
import { createProfileAction } from "../actions";
import { ProfileForm } from "../_components/profile-form";
import { requirePageRole } from "@/lib/auth/guard";

export const metadata: Metadata = { title: "New VM profile" };

export default async function NewProfilePage() {
  await requirePageRole("operator");
  return (
    <>
      <PageHeader title="New VM profile" breadcrumb={{ href: "/profiles", label: "VM profiles" }} />
      <Card>
        <ProfileForm action={createProfileAction} submitLabel="Create VM profile" />
      </Card>
    </>
  );
}
