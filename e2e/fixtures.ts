import fs from "node:fs";
import path from "node:path";
import { query } from "./db";
import {
  test as base,
  expect,
  request as playwrightRequest,
  type APIRequestContext,
  type Browser,
  type Locator,
  type Page,
} from "@playwright/test";

/** One account per role, created by scripts/e2e-server.sh on the test database. */
export const USERS = {
  viewer: { email: "viewer@e2e.test", password: "e2e-viewer-password" },
  operator: { email: "operator@e2e.test", password: "e2e-operator-password" },
  admin: { email: "admin@e2e.test", password: "e2e-admin-password" },
} as const;
export type E2ERole = keyof typeof USERS;

export const AUTH_DIR = path.join(process.cwd(), "test-results", ".auth");
/** The signed-in browser state of a role (written by global-setup.ts). */
export const storageStateOf = (role: E2ERole) => path.join(AUTH_DIR, `${role}.json`);
/** An API token of a role (created by global-setup.ts). */
export function tokenOf(role: E2ERole): string {
  return (JSON.parse(fs.readFileSync(path.join(AUTH_DIR, "tokens.json"), "utf8")) as Record<E2ERole, string>)[role];
}

export const NO_COOKIES = { cookies: [], origins: [] };

export const baseURL = `http://127.0.0.1:${Number(process.env.E2E_PORT ?? 3100)}`;

/** An API client: with a role's token, or anonymous. */
export function apiClient(role: E2ERole | null, extraHeaders: Record<string, string> = {}): Promise<APIRequestContext> {
  // An explicit empty state: inside a test, new contexts would otherwise inherit the admin's cookies.
  return playwrightRequest.newContext({
    baseURL,
    storageState: NO_COOKIES,
    extraHTTPHeaders: { ...(role ? { authorization: `Bearer ${tokenOf(role)}` } : {}), ...extraHeaders },
  });
}

/** A page signed in as a role (or anonymous), in a context of its own. */
export async function pageAs(browser: Browser, role: E2ERole | null): Promise<Page> {
  const context = await browser.newContext({ storageState: role ? storageStateOf(role) : NO_COOKIES });
  const page = await context.newPage();
  page.on("dialog", (d) => d.accept());
  return page;
}

/** A name no other test (or earlier run against the same database) uses. */
export function uniqueName(prefix: string): string {
  return `${prefix} ${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
}

// Pages are signed in as the admin unless a test says otherwise (test.use({ storageState })); the
// `request` fixture speaks to the JSON API with the admin's token, as scripts do.
export const test = base.extend<{ acceptDialogs: void }>({
  // Delete buttons ask for confirmation; tests answer yes.
  acceptDialogs: [
    async ({ page }, use) => {
      page.on("dialog", (d) => d.accept());
      await use();
    },
    { auto: true },
  ],
  request: async ({}, use) => {
    const api = await apiClient("admin");
    await use(api);
    await api.dispose();
  },
});

/**
 * Chooses a testbed by name in a searchable picker (the launch and import forms): types part of
 * the name, clicks the match, and waits until the form holds that testbed's id.
 */
export async function pickTestbed(page: Page, name: string, label = "Testbed") {
  const box = page.getByRole("combobox", { name: label });
  await box.fill(name);
  await page
    .getByRole("listbox", { name: `${label} matches` })
    .getByRole("option")
    .filter({ has: page.locator("span").getByText(name, { exact: true }) })
    .click();
  await expect(box).toHaveValue(name);
  const [{ id }] = await query<{ id: number }>(`SELECT "id" FROM "Testbed" WHERE "name" = ?`, name);
  await expect(box.locator("xpath=ancestor::form[1]").locator('input[name="testbedId"]')).toHaveValue(String(id));
}

/**
 * Fills a form's fields by their labels, in order: a string is typed, `{ option }` is chosen in a
 * select. Labels match as getByLabel does (a part of the label is enough).
 */
export async function fillByLabel(scope: Page | Locator, fields: Record<string, string | { option: string }>) {
  for (const [label, value] of Object.entries(fields)) {
    const field = scope.getByLabel(label);
    if (typeof value === "string") await field.fill(value);
    else await field.selectOption(value.option);
  }
}

/** Fills the sign-in form (the page must show it) and submits it; where the app goes next is the caller's to check. */
export async function submitSignIn(page: Page, email: string, password: string) {
  await fillByLabel(page, { Email: email, Password: password });
  await page.getByRole("button", { name: "Sign in" }).click();
}

type Fields = Record<string, string | { option: string }>;

/** Opens a "new record" form at `path`, fills it by label (as fillByLabel) and submits it with the button named `submit`. */
export async function submitNewForm(page: Page, path: string, submit: string, fields: Fields) {
  await page.goto(path);
  await fillByLabel(page, fields);
  await page.getByRole("button", { name: submit }).click();
}

/** Submits the new-testbed form: a name, its hypervisor (the form's default when null), its two hosts and `more` fields. */
export async function submitTestbedForm(
  page: Page,
  name: string,
  hypervisor: string | null,
  [source, destination]: [string, string],
  more: Fields = {},
) {
  const kind: Fields = hypervisor ? { Hypervisor: { option: hypervisor } } : {};
  await submitNewForm(page, "/testbeds/new", "Create testbed", {
    ...{ Name: name, ...kind, "Source host": source, "Destination host": destination },
    ...more,
  });
}

/** Submits the new-VM-profile form: a name, memory per VM in GiB, the workload and `more` fields. */
export async function submitProfileForm(
  page: Page,
  name: string,
  memoryGiB: number,
  workload: string,
  more: Fields = {},
) {
  await submitNewForm(page, "/profiles/new", "Create VM profile", {
    ...{ Name: name, "Memory per VM (GiB)": String(memoryGiB), "Memory workload": { option: workload } },
    ...more,
  });
}

/** Opens the whitepaper reference campaign from the campaign list. */
export async function openReferenceCampaign(page: Page) {
  await page.goto("/campaigns");
  await page.getByRole("link", { name: "Whitepaper: vMotion of a 16 GB VM, 10GbE vs 40GbE" }).click();
  await expect(page).toHaveURL(/\/campaigns\/\d+$/);
}

export { expect };
