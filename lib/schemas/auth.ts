import { z } from "zod";
import { ROLES } from "@/lib/auth/roles";

export const MIN_PASSWORD = 12;
export const MAX_PASSWORD = 128;
export const MAX_EMAIL = 254;

export const emailField = z
  .string({ error: "Email is required" })
  .trim()
  .toLowerCase()
  .min(1, "Email is required")
  .max(MAX_EMAIL, `Email must be at most ${MAX_EMAIL} characters`)
  .pipe(z.email({ error: "Enter an email address such as name@lab.example" }));

const newPassword = z
  .string({ error: "Password is required" })
  .min(MIN_PASSWORD, `Use at least ${MIN_PASSWORD} characters`)
  .max(MAX_PASSWORD, `Use at most ${MAX_PASSWORD} characters`);

export const roleField = z.enum(ROLES, { error: "Choose a role: viewer, operator or admin" });

const displayName = z.string().trim().max(100, "Name must be at most 100 characters");

const APP_ORIGIN = "http://migbench.invalid";

/**
 * A path inside this app to go back to after signing in, or "/". Printable ASCII only (a tab, line break
 * or full-width character is dropped or folded by browsers into another address, or breaks the Location
 * header), then resolved against the app's origin: what leaves for another origin becomes "/". The path
 * returned is the parsed one, so what the browser follows is what was checked.
 */
export function safeNextPath(value: string | undefined | null): string {
  if (!value || value.length > 2000 || !/^\/[\x21-\x7e]*$/.test(value) || value.includes("\\")) return "/";
  if (value.startsWith("//")) return "/";
  let url: URL;
  try {
    url = new URL(value, APP_ORIGIN);
  } catch {
    return "/";
  }
  const path = `${url.pathname}${url.search}`;
  // Dot segments can fold "/a/..//x" into "//x", which a browser reads as another host.
  return url.origin === APP_ORIGIN && !path.startsWith("//") ? path : "/";
}

/** A path inside this app to go back to after signing in; anything else becomes "/". */
export const nextPathField = z
  .unknown()
  .optional()
  .transform((p) => safeNextPath(typeof p === "string" ? p : undefined));

export const signInSchema = z.object({
  email: emailField,
  password: z
    .string({ error: "Password is required" })
    .min(1, "Password is required")
    .max(MAX_PASSWORD, "Password is too long"),
  next: nextPathField,
});

/** A new account: by an admin, the setup page or `npm run user -- add`. */
export const newUserSchema = z
  .object({
    email: emailField,
    name: displayName.optional().transform((n) => n ?? ""),
    role: roleField,
    password: newPassword,
    confirm: z.string().optional(),
  })
  .refine((v) => v.confirm === undefined || v.confirm === v.password, {
    message: "The two passwords differ",
    path: ["confirm"],
  })
  .transform(({ confirm: _confirm, name, ...rest }) => ({ ...rest, name: name || rest.email.split("@")[0] }));

export const setupSchema = z.object({ token: z.string().min(1).max(200) });

export const changePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, "Enter your current password").max(MAX_PASSWORD),
    newPassword,
    confirm: z.string(),
  })
  .refine((v) => v.confirm === v.newPassword, { message: "The two passwords differ", path: ["confirm"] })
  .refine((v) => v.currentPassword !== v.newPassword, {
    message: "Choose a password different from the current one",
    path: ["newPassword"],
  });

export const newApiTokenSchema = z.object({
  name: z
    .string({ error: "Name the token" })
    .trim()
    .min(1, "Name the token, e.g. “nightly pipeline”")
    .max(100, "Name must be at most 100 characters"),
  role: roleField,
  expiresInDays: z.preprocess(
    (v) => (v === "" || v == null ? undefined : v),
    z.coerce
      .number({ error: "Expiry must be a number of days" })
      .int("Expiry must be whole days")
      .min(1, "Expiry must be 1 to 3650 days")
      .max(3650, "Expiry must be 1 to 3650 days")
      .optional(),
  ),
});

/** Ids of users are opaque strings made by better-auth. */
export const userIdField = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "Invalid user id");

export type NewUserInput = z.output<typeof newUserSchema>;
