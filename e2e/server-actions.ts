import fs from "node:fs";
import { request as playwrightRequest, type APIRequestContext } from "@playwright/test";
import { baseURL, expect, NO_COOKIES, USERS } from "./fixtures";

/*
 * Server actions as a browser calls them, for the tests that call them as an attacker would: the
 * build's action ids, the form encoding React sends, and a signed-in session of a test's own.
 */

/** React's encoding of an argument list: a string starting with "$" is escaped as "$$…". */
export function encodeArgs(value: unknown): unknown {
  if (typeof value === "string") return value.startsWith("$") ? `$${value}` : value;
  if (Array.isArray(value)) return value.map(encodeArgs);
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, encodeArgs(v)]));
  return value;
}

export type Action = { id: string; name: string; page: string };

/**
 * A form submission as React sends it: the form's fields as entries "_1_<name>", then the argument
 * list as entry "0", where "$K1" stands for the form. The order matters: "0" is resolved when it
 * arrives, so it must come last (a FormData keeps it; an object would put "0" first).
 */
export function actionForm(bound: unknown[], fields: Record<string, string>): FormData {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(`_1_${k}`, v);
  form.append("0", JSON.stringify([...(encodeArgs(bound) as unknown[]), { ok: null }, "$K1"]));
  return form;
}

/** The server actions of the production build: id, exported name, and a page that carries it. */
export function actionsOfBuild(): Action[] {
  const manifest = JSON.parse(fs.readFileSync(".next/server/server-reference-manifest.json", "utf8")) as {
    node: Record<string, { exportedName: string; workers: Record<string, unknown> }>;
  };
  return Object.entries(manifest.node).map(([id, a]) => {
    const worker = Object.keys(a.workers).find((w) => !w.startsWith("app/_not-found")) ?? "app/page";
    return {
      id,
      name: a.exportedName,
      page: ("/" + worker.replace(/^app\/?/, "").replace(/\/?page$/, "")).replace(/\[[^\]]+\]/g, "1"),
    };
  });
}

/** The id of the action exported under `name` in this build. */
export function actionId(name: string): string {
  return actionsOfBuild().find((a) => a.name === name)!.id;
}

/** An admin signed in through the sign-in action, in a session of its own (signing it out signs out no other test). */
export async function adminBrowserSession(): Promise<APIRequestContext> {
  // A session of its own, so nothing here signs out the admin the other tests use.
  const api = await playwrightRequest.newContext({ baseURL, storageState: NO_COOKIES });
  const res = await api.post("/sign-in", {
    headers: { "next-action": actionsOfBuild().find((a) => a.name === "signInAction")!.id, origin: baseURL },
    multipart: actionForm([], { email: USERS.admin.email, password: USERS.admin.password, next: "/" }),
  });
  expect(res.status()).toBeLessThan(400);
  expect(
    (await api.storageState()).cookies.some((c) => c.name.endsWith("session_token")),
    "signed in",
  ).toBe(true);
  return api;
}
