/** Roles, lowest first: each can do everything the ones before it can. */
export const ROLES = ["viewer", "operator", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  viewer: "Viewer",
  operator: "Operator",
  admin: "Admin",
};

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  viewer: "browse everything, compare, copy links, export",
  operator: "also launch, cancel, re-run, import, check testbeds, save and delete comparisons, manage VM profiles",
  admin: "also testbeds, links and their connection settings, users, tokens of others, the audit log",
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
