import fs from "node:fs";
import path from "node:path";
import { request as playwrightRequest } from "@playwright/test";
import { apiClient, baseURL, expect, NO_COOKIES, storageStateOf, test, type E2ERole } from "./fixtures";
import { snapshot, waitForIdleRunner } from "./db";

type Need = "public" | E2ERole;

/**
 * Every API route (method + path) and every server action with the least role it needs. A route or
 * action that is not listed here fails the first test: adding one means deciding who may call it.
 */
const ROUTES: Record<string, Need> = {
  "GET /api/testbeds": "viewer",
  "GET /api/testbeds/[id]": "viewer",
  "POST /api/testbeds/[id]/check": "operator",
  "GET /api/profiles": "viewer",
  "GET /api/profiles/[id]": "viewer",
  "GET /api/campaigns": "viewer",
  "POST /api/campaigns": "operator",
  "GET /api/campaigns/[id]": "viewer",
  "POST /api/campaigns/[id]/cancel": "operator",
  "POST /api/campaigns/[id]/baseline": "operator",
  "GET /api/series": "viewer",
  "GET /api/schedules": "viewer",
  "GET /api/series/[linkId]/[profileId]": "viewer",
  "GET /api/campaigns/[id]/export": "viewer",
  "GET /api/campaigns/[id]/live": "viewer",
  "POST /api/imports": "operator",
  "GET /api/search": "viewer",
  "GET /api/runs/[id]": "viewer",
  "POST /api/runs/[id]/cancel": "operator",
  "POST /api/runs/[id]/rerun": "operator",
  "GET /api/runs/[id]/samples": "viewer",
  "GET /api/compare": "viewer",
  "GET /api/what-if": "viewer",
  "GET /compare/export": "viewer",
  "GET /compare/image.svg": "viewer",
  "GET /c/[slug]/export": "viewer",
  "GET /c/[slug]/image.svg": "public",
  "GET /admin/audit/export": "admin",
  // For load balancers: counts only, no sign-in. Prometheus scrapes /metrics with an API token.
  "GET /api/health": "public",
  "GET /metrics": "viewer",
  // Unknown API paths: a JSON 404 for anyone.
  "GET /api/[...path]": "public",
  "POST /api/[...path]": "public",
  "PUT /api/[...path]": "public",
  "PATCH /api/[...path]": "public",
  "DELETE /api/[...path]": "public",
};

const ACTIONS: Record<string, Need> = {
  // Signing in, out and the first-run setup (which needs its one-time token) come before any role.
  "app/sign-in/actions.ts#signInAction": "public",
  "app/account/actions.ts#signOutAction": "public",
  "app/setup/actions.ts#createFirstAdminAction": "public",
  "app/account/actions.ts#changePasswordAction": "viewer",
  "app/account/actions.ts#createApiTokenAction": "viewer",
  "app/account/actions.ts#revokeOwnApiTokenAction": "viewer",
  "app/campaigns/new/actions.ts#launchCampaignAction": "operator",
  "app/campaigns/import/actions.ts#saveImportMappingAction": "operator",
  "app/campaigns/[id]/actions.ts#cancelCampaignAction": "operator",
  "app/runs/actions.ts#cancelRunAction": "operator",
  "app/runs/actions.ts#rerunRunAction": "operator",
  "app/campaigns/[id]/actions.ts#markBaselineAction": "operator",
  "app/campaigns/[id]/actions.ts#pinCampaignAction": "operator",
  "app/compare/actions.ts#markComparisonBaselineAction": "operator",
  "app/series/actions.ts#clearBaselineAction": "operator",
  "app/testbeds/actions.ts#setMinEffectAction": "operator",
  "app/schedules/actions.ts#scheduleCampaignAction": "operator",
  "app/schedules/actions.ts#pauseScheduleAction": "operator",
  "app/schedules/actions.ts#resumeScheduleAction": "operator",
  "app/schedules/actions.ts#deleteScheduleAction": "operator",
  "app/schedules/actions.ts#updateScheduleAction": "operator",
  "app/testbeds/actions.ts#createWebhookAction": "admin",
  "app/testbeds/actions.ts#deleteWebhookAction": "admin",
  "app/testbeds/actions.ts#pingWebhookAction": "admin",
  "app/compare/actions.ts#saveComparisonAction": "operator",
  "app/compare/actions.ts#deleteComparisonAction": "operator",
  "app/profiles/actions.ts#createProfileAction": "operator",
  "app/profiles/actions.ts#updateProfileAction": "operator",
  "app/profiles/actions.ts#deleteProfileAction": "operator",
  "app/testbeds/actions.ts#checkTestbedAction": "operator",
  "app/testbeds/actions.ts#createTestbedAction": "admin",
  "app/testbeds/actions.ts#updateTestbedAction": "admin",
  "app/testbeds/actions.ts#deleteTestbedAction": "admin",
  "app/testbeds/actions.ts#createLinkAction": "admin",
  "app/testbeds/actions.ts#updateLinkAction": "admin",
  "app/testbeds/actions.ts#deleteLinkAction": "admin",
  "app/testbeds/actions.ts#applyModelFitAction": "admin",
  "app/admin/users/actions.ts#addUserAction": "admin",
  "app/admin/users/actions.ts#setUserRoleAction": "admin",
  "app/admin/users/actions.ts#setUserDisabledAction": "admin",
  "app/admin/users/actions.ts#revokeAnyApiTokenAction": "admin",
};

const LOWER: Record<Need, (E2ERole | null)[]> = {
  public: [],
  viewer: [null],
  operator: [null, "viewer"],
  admin: [null, "viewer", "operator"],
};

/** Route handlers found in app/: "METHOD /path/[param]". */
function discoverRoutes(): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === "route.ts") {
        const route = "/" + path.relative("app", path.dirname(full)).split(path.sep).join("/");
        for (const m of fs
          .readFileSync(full, "utf8")
          .matchAll(/export (?:async function|const) (GET|POST|PUT|PATCH|DELETE)\b/g))
          found.push(`${m[1]} ${route}`);
      }
    }
  };
  walk("app");
  return found.sort();
}

type ActionEntry = { id: string; key: string; page: string };

/** Server actions of the production build, with a page that serves each. */
function discoverActions(): ActionEntry[] {
  const manifest = JSON.parse(fs.readFileSync(".next/server/server-reference-manifest.json", "utf8")) as {
    node: Record<string, { filename: string; exportedName: string; workers: Record<string, unknown> }>;
  };
  return Object.entries(manifest.node).map(([id, a]) => {
    const worker = Object.keys(a.workers).find((w) => !w.startsWith("app/_not-found")) ?? "app/page";
    const page = ("/" + worker.replace(/^app\/?/, "").replace(/\/?page$/, "")).replace(/\[[^\]]+\]/g, "1");
    return { id, key: `${a.filename}#${a.exportedName}`, page };
  });
}

const concrete = (route: string) => route.replace("[slug]", "abcdefgh").replace(/\[[^\]]+\]/g, "1");

test("every API route and server action is listed in the access table", () => {
  expect(discoverRoutes()).toEqual(Object.keys(ROUTES).sort());
  expect(
    discoverActions()
      .map((a) => a.key)
      .sort(),
  ).toEqual(Object.keys(ACTIONS).sort());
});

test("API routes: anonymous callers get 401, lower roles 403, and nothing changes", async () => {
  await waitForIdleRunner();
  const before = await snapshot();
  let checked = 0;
  for (const [key, need] of Object.entries(ROUTES)) {
    const [method, route] = key.split(" ");
    for (const role of LOWER[need]) {
      const api = await apiClient(role);
      const res = await api.fetch(concrete(route), { method, data: method === "GET" ? undefined : {} });
      expect(res.status(), `${key} as ${role ?? "anonymous"}`).toBe(role ? 403 : 401);
      expect((await res.json()).error.message).toBeTruthy();
      await api.dispose();
      checked++;
    }
  }
  expect(checked).toBeGreaterThan(20);
  expect(await snapshot()).toEqual(before);
});

test("server actions: anonymous callers get 401, lower roles 403, and nothing changes", async () => {
  await waitForIdleRunner();
  const before = await snapshot();
  let checked = 0;
  for (const action of discoverActions()) {
    const need = ACTIONS[action.key];
    for (const role of LOWER[need]) {
      // A browser-like call: the role's session cookie, same origin, arguments that would be valid ids.
      const api = await playwrightRequest.newContext({
        baseURL,
        storageState: role ? storageStateOf(role) : NO_COOKIES,
      });
      const res = await api.post(action.page, {
        headers: { "next-action": action.id, origin: baseURL, "content-type": "text/plain;charset=UTF-8" },
        data: JSON.stringify([1, 1, { ok: null }]),
      });
      expect(res.status(), `${action.key} as ${role ?? "anonymous"} (POST ${action.page})`).toBe(role ? 403 : 401);
      await api.dispose();
      checked++;
    }
  }
  expect(checked).toBeGreaterThan(30);
  expect(await snapshot()).toEqual(before);
});

test("pages need a session: anonymous visitors are sent to sign-in, saved comparisons stay public", async ({
  browser,
}) => {
  const context = await browser.newContext({ storageState: NO_COOKIES });
  const page = await context.newPage();
  for (const path of [
    "/",
    "/campaigns",
    "/campaigns/1",
    "/runs/1",
    "/testbeds",
    "/testbeds/1",
    "/profiles",
    "/compare",
    "/series",
    "/series/1/1",
    "/schedules",
    "/account",
    "/admin/users",
    "/admin/audit",
    "/campaigns/new",
    "/testbeds/new",
  ]) {
    const res = await page.goto(path);
    expect(new URL(page.url()).pathname, path).toBe("/sign-in");
    expect(new URL(page.url()).searchParams.get("next")).toBe(path);
    expect(res?.status()).toBe(200);
    await expect(page.getByRole("heading", { name: "Sign in to migbench" })).toBeVisible();
  }
  // An unknown saved comparison is a plain 404, not a sign-in page.
  expect((await page.goto("/c/abcdefghjk"))?.status()).toBe(404);
  await context.close();
});

test("role-limited pages answer 403 with what the role may do", async ({ browser }) => {
  const viewer = await browser.newPage({ storageState: storageStateOf("viewer") });
  for (const path of [
    "/campaigns/new",
    "/campaigns/import",
    "/profiles/new",
    "/testbeds/new",
    "/schedules/1/edit",
    "/admin/users",
    "/admin/audit",
  ]) {
    const res = await viewer.goto(path);
    expect(res?.status(), path).toBe(403);
    await expect(viewer.getByRole("heading", { name: "Your role does not allow this" })).toBeVisible();
  }
  await expect(viewer.getByText("You are a viewer: you may browse everything")).toBeVisible();
  const operator = await browser.newPage({ storageState: storageStateOf("operator") });
  expect((await operator.goto("/campaigns/new"))?.status()).toBe(200);
  for (const path of ["/testbeds/new", "/testbeds/1/edit", "/admin/users", "/admin/audit"])
    expect((await operator.goto(path))?.status(), path).toBe(403);
});
