import "server-only";
import { audited } from "@/lib/auth/audit";
import type { Principal } from "@/lib/auth/principal";
import { mapResult } from "@/lib/db/errors";
import { createAccount } from "@/lib/auth/accounts";
import { setUserDisabled, setUserRole } from "@/lib/db/users";
import type { Role } from "@/lib/auth/roles";
import type { NewUserInput } from "@/lib/schemas/auth";

/* Accounts an admin manages, each change with its audit row. The caller has checked the principal is an admin. */

/** Adds an account with a first password (to pass on; the user changes it). */
export async function addUserAs(principal: Principal, data: NewUserInput) {
  const result = mapResult(await createAccount(data), (value) => ({ ...value, role: data.role }));
  return audited(principal, result, (value) => ({
    action: "user.create",
    targetType: "user",
    targetId: value.id,
    summary: `Added ${value.email} as ${data.role}`,
    details: { role: data.role },
  }));
}

/** Changes a user's role (never leaving no enabled admin). */
export async function setUserRoleAs(principal: Principal, id: string, role: Role) {
  const result = mapResult(await setUserRole({ id, role }), (value) => ({ ...value, to: role }));
  return audited(principal, result, (value) => ({
    action: "user.role",
    targetType: "user",
    targetId: id,
    summary: `Changed the role of ${value.email} from ${value.from} to ${role}`,
    details: { from: value.from, to: role },
  }));
}

/** Disables (signed out everywhere, sign-in and tokens refused) or enables a user. */
export async function setUserDisabledAs(principal: Principal, id: string, disabled: boolean) {
  return audited(principal, await setUserDisabled({ id, disabled }), (value) => ({
    action: disabled ? "user.disable" : "user.enable",
    targetType: "user",
    targetId: id,
    summary: `${disabled ? "Disabled" : "Enabled"} ${value.email}`,
  }));
}
