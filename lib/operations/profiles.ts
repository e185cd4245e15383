import "server-only";
import { audited } from "@/lib/auth/audit";
import type { Principal } from "@/lib/auth/principal";
import { named, profileNameOf } from "@/lib/db/audit-names";
import { createProfile, deleteProfile, updateProfile } from "@/lib/db/profiles";
import type { VmProfileInput } from "@/lib/schemas/profile";

/* VM profiles' changes, each with its audit row. The caller has checked the principal's role. */

export async function createProfileAs(principal: Principal, data: VmProfileInput) {
  return audited(principal, await createProfile({ data }), (value) => ({
    action: "profile.create",
    targetType: "profile",
    targetId: value.id,
    summary: `Created VM profile “${data.name}”`,
  }));
}

export async function updateProfileAs(principal: Principal, id: number, data: VmProfileInput) {
  return audited(principal, await updateProfile({ id, data }), () => ({
    action: "profile.update",
    targetType: "profile",
    targetId: id,
    summary: `Edited VM profile “${data.name}”`,
  }));
}

export async function deleteProfileAs(principal: Principal, id: number) {
  const profile = named(await profileNameOf(id), id);
  return audited(principal, await deleteProfile({ id }), () => ({
    action: "profile.delete",
    targetType: "profile",
    targetId: id,
    summary: `Deleted VM profile ${profile}`,
  }));
}
