import fs from "node:fs";
import { request as playwrightRequest, type Browser, type Page } from "@playwright/test";
import { activityStamp } from "../lib/auth/activity";
import {
  apiClient,
  baseURL,
  expect,
  fillByLabel,
  NO_COOKIES,
  pageAs,
  storageStateOf,
  submitSignIn,
  test,
  uniqueName,
  USERS,
} from "./fixtures";
import { query } from "./db";

/** An admin adds a viewer through Admin → Users; returns its email. */
async function addUser(page: Page, prefix: string, password: string): Promise<string> {
  const email = `${uniqueName(prefix).replace(/\s/g, "-")}@e2e.test`;
  await page.goto("/admin/users");
  const form = page.getByRole("form", { name: "Add a user" });
  await fillByLabel(form, { Email: email, Role: { option: "viewer" }, "First password": password });
  await form.getByRole("button", { name: "Add user" }).click();
  await expect(page.getByText(`${email} can now sign in as viewer.`)).toBeVisible();
  return email;
}

/**
 * A browser at another client address: through the e2e server's trusted "proxy" (::1, scripts/e2e-server.sh),
 * whose X-Forwarded-For names the client.
 */
async function pageFrom(browser: Browser, address: string): Promise<Page> {
  const context = await browser.newContext({
    storageState: NO_COOKIES,
    baseURL: baseURL.replace("127.0.0.1", "[::1]"),
    extraHTTPHeaders: { "x-forwarded-for": address },
  });
  return context.newPage();
}

const failedSignIns = (email: string) =>
  query<{ ipAddress: string; summary: string }>(
    `SELECT "ipAddress", "summary" FROM "AuditEvent" WHERE "action" = 'auth.sign-in-failed' AND "targetId" = ? ORDER BY "id"`,
    email,
  );

test("sign-in: a stranger's wrong passwords slow down only the stranger; the owner signs in from elsewhere", async ({
  browser,
  page,
}) => {
  // An admin-like target of its own, added by the admin.
  const email = await addUser(page, "targeted", "the right password");
  const stranger = await pageFrom(browser, "198.51.100.66");
  await stranger.goto("/sign-in");
  for (let i = 0; i < 5; i++) {
    await submitSignIn(stranger, email, `wrong password ${i}`);
    // Each refusal is one audit row: wait for it before the next attempt.
    await expect.poll(async () => (await failedSignIns(email)).length).toBe(i + 1);
    await expect(stranger.getByText("Wrong email or password.")).toBeVisible();
    // The password is never sent back into the form.
    await expect(stranger.getByLabel("Password")).toHaveValue("");
  }
  // Recorded with the address the trusted proxy forwarded for.
  expect((await failedSignIns(email)).map((r) => r.ipAddress)).toEqual(Array(5).fill("198.51.100.66"));
  // The stranger now waits, even with the right password; the attempt is audited as throttled.
  await submitSignIn(stranger, email, "the right password");
  await expect(
    stranger.getByText(/Too many sign-in attempts from your address: wait \d+ s and try again/),
  ).toBeVisible();
  await expect(stranger).toHaveURL(/\/sign-in/);
  await expect
    .poll(async () =>
      query(`SELECT "id" FROM "AuditEvent" WHERE "action" = 'auth.sign-in-throttled' AND "targetId" = ?`, email),
    )
    .toHaveLength(1);
  // Meanwhile the account's owner, at their own address, signs in at once: no stranger can lock them out.
  const owner = await pageFrom(browser, "203.0.113.10");
  await owner.goto("/sign-in");
  await submitSignIn(owner, email, "the right password");
  await expect(owner).toHaveURL(/\/$/);
  await expect(owner.getByRole("link", { name: new RegExp(email.replace(/[.]/g, "\\.")) })).toBeVisible();
  // The delay passes (the next attempt goes through once it has): the stranger is slowed, never locked.
  await expect(async () => {
    await submitSignIn(stranger, email, "still wrong");
    await expect(stranger.getByText("Wrong email or password.")).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  await stranger.context().close();
  await owner.context().close();

  await page.goto(`/admin/audit?action=auth.sign-in-failed&actor=${encodeURIComponent(email)}`);
  await expect(
    page
      .getByRole("row")
      .filter({ hasText: `Failed sign-in for ${email}` })
      .first(),
  ).toBeVisible();
});

test("X-Forwarded-For from anyone but a trusted proxy is not believed", async ({ browser, page }) => {
  const email = await addUser(page, "forwarded", "the right password");
  const spoofing = await browser.newContext({
    storageState: NO_COOKIES,
    extraHTTPHeaders: { "x-forwarded-for": "6.6.6.6", "x-real-ip": "6.6.6.6", "x-migbench-peer": "guess 6.6.6.6" },
  });
  const visitor = await spoofing.newPage();
  await visitor.goto("/sign-in");
  await submitSignIn(visitor, email, "a wrong password");
  await expect(visitor.getByText("Wrong email or password.")).toBeVisible();
  await expect.poll(async () => (await failedSignIns(email)).map((r) => r.ipAddress)).toEqual(["127.0.0.1"]);
  await spoofing.close();
});

test("signing in returns to the page asked for; signing out ends the session", async ({ browser }) => {
  const page = await pageAs(browser, null);
  await page.goto("/profiles");
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fprofiles$/);
  await submitSignIn(page, USERS.viewer.email.toUpperCase(), USERS.viewer.password);
  await expect(page).toHaveURL(/\/profiles$/);
  await expect(page.getByRole("link", { name: /viewer@e2e\.test/ })).toContainText("Viewer");
  // A viewer sees no buttons that change things.
  await expect(page.getByRole("link", { name: "New VM profile" })).toHaveCount(0);
  await page.goto("/campaigns");
  await expect(page.getByRole("link", { name: "Launch a campaign" })).toHaveCount(0);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await page.goto("/campaigns");
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fcampaigns$/);
  await page.context().close();
});

test("an admin changes roles and disables users; a disabled user is signed out and their token stops", async ({
  browser,
  page,
}) => {
  const email = await addUser(page, "temp", "temporary password");

  // The new user signs in and makes a token.
  const user = await pageAs(browser, null);
  await user.goto("/sign-in");
  await submitSignIn(user, email, "temporary password");
  await expect(user).toHaveURL(/\/$/);
  await user.goto("/account");
  await user.getByRole("form", { name: "New API token" }).getByLabel("Name").fill("script");
  // A viewer can only make viewer tokens.
  await expect(user.getByRole("form", { name: "New API token" }).getByLabel("Role").locator("option")).toHaveText([
    "Choose…",
    "Viewer",
  ]);
  await user.getByRole("button", { name: "Create token" }).click();
  const token = (await user.getByTestId("new-token").textContent())!;
  expect(token).toMatch(/^mbt_/);
  const api = await apiClient(null, { authorization: `Bearer ${token}` });
  expect((await api.get("/api/campaigns")).status()).toBe(200);
  expect((await api.post("/api/campaigns", { data: {} })).status()).toBe(403);
  // Only the hash is stored.
  expect(await query(`SELECT "id" FROM "ApiToken" WHERE "tokenHash" = ?`, token)).toHaveLength(0);

  // Promoted to operator: the token is still capped at the role it was made with.
  const row = page.getByRole("table", { name: "Users" }).getByRole("row").filter({ hasText: email });
  await row.getByLabel(`Role of ${email}`).selectOption("operator");
  await row.getByRole("button", { name: "Save role" }).click();
  await expect(row).toContainText(`${email} is now operator.`);
  expect((await api.post("/api/campaigns", { data: {} })).status()).toBe(403);

  // Disabled: the open session ends and the token is refused.
  await row.getByRole("button", { name: "Disable" }).click();
  await expect(row).toContainText("disabled");
  await user.goto("/campaigns");
  await expect(user).toHaveURL(/\/sign-in/);
  const refused = await api.get("/api/campaigns");
  expect(refused.status()).toBe(401);
  expect((await refused.json()).error.message).toContain("disabled");
  // The right password of a disabled account gets the answer of a wrong one: nothing confirms it was right.
  await submitSignIn(user, email, "temporary password");
  await expect(user.getByText("Wrong email or password.")).toBeVisible();
  await expect
    .poll(async () => (await failedSignIns(email)).map((r) => r.summary))
    .toEqual([`Sign-in refused: ${email} is disabled`]);
  await api.dispose();
  await user.context().close();

  // The last admin cannot demote or disable themselves.
  const me = page.getByRole("table", { name: "Users" }).getByRole("row").filter({ hasText: USERS.admin.email });
  await me.getByLabel(`Role of ${USERS.admin.email}`).selectOption("viewer");
  await me.getByRole("button", { name: "Save role" }).click();
  await expect(me).toContainText("At least one enabled admin must remain");

  // All of it is in the audit log, and in its CSV.
  await page.goto("/admin/audit?action=user.");
  await expect(
    page.getByRole("row").filter({ hasText: `Changed the role of ${email} from viewer to operator` }),
  ).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: `Disabled ${email}` })).toBeVisible();
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export CSV" }).click();
  const csv = fs.readFileSync(await (await download).path(), "utf8");
  expect(csv.split("\n")[0]).toBe(
    "id,createdAt,actorType,actorLabel,ipAddress,action,targetType,targetId,summary,details",
  );
  expect(csv).toContain(`Disabled ${email}`);
  expect(csv).not.toContain("auth.sign-in-failed");
});

test("a user changes their password and revokes a token; the audit log names changed settings keys, never values", async ({
  browser,
  page,
  request,
}) => {
  const account = await pageAs(browser, "operator");
  await account.goto("/account");
  await account.getByLabel("Current password").fill("not my password");
  await account.getByLabel("New password", { exact: true }).fill("operator new password");
  await account.getByLabel("New password again").fill("operator new password");
  await account.getByRole("button", { name: "Change password" }).click();
  await expect(account.locator("#currentPassword-error")).toHaveText("The current password is not right");

  const tokenName = uniqueName("to revoke");
  await account.getByRole("form", { name: "New API token" }).getByLabel("Name").fill(tokenName);
  // A new token does the least and ends by default: viewer, 90 days.
  await expect(account.getByRole("form", { name: "New API token" }).getByLabel("Role")).toHaveValue("viewer");
  await expect(account.getByRole("form", { name: "New API token" }).getByLabel("Expires after (days)")).toHaveValue(
    "90",
  );
  await account.getByRole("form", { name: "New API token" }).getByLabel("Role").selectOption("operator");
  await account.getByRole("button", { name: "Create token" }).click();
  const token = (await account.getByTestId("new-token").textContent())!;
  const api = await apiClient(null, { authorization: `Bearer ${token}` });
  expect((await api.get("/api/profiles")).status()).toBe(200);
  await account.reload();
  await expect(account.getByTestId("new-token")).toHaveCount(0);
  await account.getByRole("row").filter({ hasText: tokenName }).getByRole("button", { name: "Revoke" }).click();
  await expect(account.getByRole("row").filter({ hasText: tokenName })).toContainText("revoked");
  const revoked = await api.get("/api/profiles");
  expect(revoked.status()).toBe(401);
  expect((await revoked.json()).error.message).toBe("This API token was revoked");
  await api.dispose();
  await account.context().close();

  // An admin edits a testbed's connection settings: the audit row lists the keys, not the values.
  const { testbeds } = await (await request.get("/api/testbeds")).json();
  const local = testbeds.find((t: { name: string }) => t.name === "Local QEMU (loopback)");
  await page.goto(`/testbeds/${local.id}/edit`);
  const settings = page.getByLabel("Connection settings (JSON)");
  const original = await settings.inputValue();
  await settings.fill(JSON.stringify({ ...JSON.parse(original), runTimeoutSec: 121, autoConverge: false }));
  await page.getByRole("button", { name: "Save testbed" }).click();
  await expect(page).toHaveURL(new RegExp(`/testbeds/${local.id}$`));
  const [event] = await query<{ detailsJson: string; actorLabel: string }>(
    `SELECT "detailsJson", "actorLabel" FROM "AuditEvent" WHERE "action" = 'testbed.update' AND "targetId" = ? ORDER BY "id" DESC LIMIT 1`,
    String(local.id),
  );
  expect(event.actorLabel).toBe(USERS.admin.email);
  expect(JSON.parse(event.detailsJson).changedConnectionKeys).toEqual(["autoConverge", "runTimeoutSec"]);
  expect(event.detailsJson).not.toContain("121");
  // Put it back for the other tests.
  await page.goto(`/testbeds/${local.id}/edit`);
  await page.getByLabel("Connection settings (JSON)").fill(original);
  await page.getByRole("button", { name: "Save testbed" }).click();
  await expect(page).toHaveURL(new RegExp(`/testbeds/${local.id}$`));
});

test("after sign-in only a path of this app is followed: tabs, line breaks and full-width forms go to /", async ({
  browser,
}) => {
  const admin = await playwrightRequest.newContext({ baseURL, storageState: storageStateOf("admin") });
  for (const next of [
    "/%09/evil.example",
    "/%0A/evil.example",
    "/%0D/evil.example",
    "/%E3%80%80/evil.example",
    "//evil.example",
    "/%5C/evil.example",
    "/a/..//evil.example",
  ]) {
    const res = await admin.get(`/sign-in?next=${next}`, { maxRedirects: 0 });
    expect(res.status(), next).toBe(307);
    expect(res.headers().location, next).toBe("/");
  }
  const kept = await admin.get(`/sign-in?next=${encodeURIComponent("/campaigns?verdict=regression")}`, {
    maxRedirects: 0,
  });
  expect(kept.headers().location).toBe("/campaigns?verdict=regression");
  await admin.dispose();
  // Through the form: the hidden field already holds "/", and a tampered one is read the same way.
  const page = await pageAs(browser, null);
  await page.goto("/sign-in?next=%2F%09%2Fevil.example");
  await expect(page.locator('input[name="next"]')).toHaveValue("/");
  await page.locator('input[name="next"]').evaluate((input: HTMLInputElement) => (input.value = "/\t/evil.example"));
  await submitSignIn(page, USERS.viewer.email, USERS.viewer.password);
  await expect(page).toHaveURL(`${baseURL}/`);
  await page.context().close();
});

test("a session unused for 12 hours has ended; a forged or another session's activity stamp counts for nothing", async ({
  browser,
}) => {
  const state = JSON.parse(fs.readFileSync(storageStateOf("operator"), "utf8")) as {
    cookies: { name: string; value: string }[];
  };
  const session = state.cookies.find((c) => c.name.endsWith("session_token"))!;
  const token = decodeURIComponent(session.value).split(".")[0];
  const secret = fs.readFileSync("data/e2e-auth-secret", "utf8").trim();
  const stamped = async (stamp: string) => {
    const context = await browser.newContext({ storageState: NO_COOKIES });
    await context.addCookies([
      { name: session.name, value: session.value, url: baseURL },
      { name: "migbench_active", value: stamp, url: baseURL },
    ]);
    return context;
  };
  const hour = 3600_000;
  // Used 11 hours ago: still signed in, and the page view renews the stamp.
  const recent = await stamped(activityStamp(token, Date.now() - 11 * hour, secret));
  const page = await recent.newPage();
  await page.goto("/campaigns");
  await expect(page).toHaveURL(/\/campaigns$/);
  const renewed = (await recent.cookies()).find((c) => c.name === "migbench_active")!;
  expect(Date.now() - Number(renewed.value.split(".")[0])).toBeLessThan(10 * 60_000);
  await recent.close();
  for (const stamp of [
    activityStamp(token, Date.now() - 13 * hour, secret),
    `${Date.now()}.${"A".repeat(43)}`,
    activityStamp("another-session-token-00000000000", Date.now(), secret),
  ]) {
    const context = await stamped(stamp);
    const idle = await context.newPage();
    await idle.goto("/campaigns");
    await expect(idle).toHaveURL(/\/sign-in\?next=%2Fcampaigns$/);
    const api = await context.request.get("/api/campaigns");
    expect(api.status()).toBe(401);
    expect((await api.json()).error.message).toContain("Your session ended after 12 h without activity");
    await context.close();
  }
});
