/** Roles, lowest first: each can do everything the ones before it can. */
export const ROLES = ["viewer", "operator", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  viewer: "Viewer",
  operator: "Operator",
  admin: "Admin",
};

/** What each role may do, as the end of "you may …" (account page, 403 page): each clause has its verb. */
export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  viewer: "browse everything, compare, copy links and export",
  operator:
    "also launch, cancel and re-run campaigns, import runs, check testbeds, save and delete comparisons, and manage VM profiles and schedules",
  admin:
    "also manage testbeds, links and their connection settings, users and everyone's API tokens, and read the audit log",
};

/** Whether a stored value is a known role. */
export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

/** Whether `role` may do what `needed` may. Unknown roles may do nothing. */
export function hasRole(role: string | null | undefined, needed: Role): boolean {
  return isRole(role) && ROLES.indexOf(role) >= ROLES.indexOf(needed);
}

/** The lower of two roles (a token never acts above its owner). */
export function lowerRole(a: Role, b: Role): Role {
  return ROLES.indexOf(a) <= ROLES.indexOf(b) ? a : b;
}
