import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import type { Page } from "@playwright/test";
import { apiClient, expect, fillByLabel, NO_COOKIES, pageAs, submitSignIn, test, uniqueName, USERS } from "./fixtures";
import { query } from "./db";

/** A loopback port nobody listens on. */
function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

test.describe("first run", () => {
  const dbFile = "data/e2e-first-run.db";
  let port = 0;
  let server: ChildProcess;
  let link = "";

  test.beforeAll(async () => {
    port = await freePort();
    const env = {
      ...process.env,
      DATABASE_URL: `file:./${dbFile}`,
      PORT: String(port),
      MIGBENCH_RUNNER: "off",
      MIGBENCH_AUTH_SECRET_FILE: "data/e2e-first-run-secret",
      NEXT_TELEMETRY_DISABLED: "1",
    };
    for (const suffix of ["", "-journal", "-wal", "-shm"]) fs.rmSync(dbFile + suffix, { force: true });
    execFileSync("npx", ["tsx", "scripts/db-migrate.ts", "apply"], { env, stdio: "ignore" });
    // What `npm run app` prints on a machine with no admin.
    const printed = execFileSync("npx", ["tsx", "--conditions", "react-server", "scripts/setup-link.ts"], {
      env,
      encoding: "utf8",
    });
    link = /(http:\/\/localhost:\d+\/setup\?token=\S+)/.exec(printed)![1];
    // Its own process group, so stopping it stops next as well as npx.
    server = spawn("npx", ["next", "start", "-p", String(port)], {
      env,
      stdio: ["ignore", "pipe", "inherit"],
      detached: true,
    });
    await new Promise<void>((resolve, reject) => {
      server.stdout!.on("data", (d: Buffer) => d.toString().includes("Ready") && resolve());
      server.once("exit", (code) => reject(new Error(`next start exited with ${code}`)));
    });
  });

  test.afterAll(async () => {
    if (server?.pid && server.exitCode === null) {
      const exited = new Promise((r) => server.once("exit", r));
      process.kill(-server.pid, "SIGTERM");
      await exited;
    }
  });

  test("with no admin every page says setup is pending; the printed link creates the first admin once", async ({
    browser,
  }) => {
    const context = await browser.newContext({ storageState: NO_COOKIES, baseURL: `http://localhost:${port}` });
    const page = await context.newPage();
    for (const path of ["/", "/campaigns", "/sign-in", "/admin/users"]) {
      await page.goto(path);
      await expect(page.getByRole("heading", { name: "Setup is pending" }), path).toBeVisible();
    }
    await expect(page.getByText("npm run user -- add --email you@lab.example --role admin")).toBeVisible();
    const api = await context.request.get("/api/campaigns");
    expect(api.status()).toBe(401);
    expect((await api.json()).error.message).toContain("first admin");

    await page.goto(link);
    await page.getByLabel("Email").fill("First.Admin@Lab.example");
    await page.getByLabel("Password", { exact: true }).fill("short");
    await page.getByLabel("Password again").fill("short");
    await page.getByRole("button", { name: "Create the admin account" }).click();
    await expect(page.locator("#password-error")).toHaveText("Use at least 12 characters");
    await expect(page.getByLabel("Email")).toHaveValue("First.Admin@Lab.example");
    await page.getByLabel("Password", { exact: true }).fill("a long first password");
    await page.getByLabel("Password again").fill("a long first password");
    await page.getByRole("button", { name: "Create the admin account" }).click();
    await expect(page).toHaveURL(`http://localhost:${port}/`);
    await expect(page.getByRole("link", { name: /first\.admin@lab\.example/ })).toContainText("Admin");

    // The link works once.
    const other = await browser.newContext({ storageState: NO_COOKIES });
    const second = await other.newPage();
    await second.goto(link);
    await expect(second.getByRole("heading", { name: "Setup is done" })).toBeVisible();
    await other.close();
    await context.close();
  });
});

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

test("sign-in: wrong passwords are refused, then throttled, and every failure is audited", async ({
  browser,
  page,
}) => {
  // An account of its own, added by the admin (this test locks it).
  const email = await addUser(page, "locked", "the right password");

  const visitor = await pageAs(browser, null);
  await visitor.goto("/sign-in");
  for (let i = 0; i < 5; i++) {
    await submitSignIn(visitor, email, `wrong password ${i}`);
    // Each refusal is one audit row: wait for it before the next attempt.
    await expect
      .poll(
        async () =>
          (
            await query(
              `SELECT "id" FROM "AuditEvent" WHERE "action" = 'auth.sign-in-failed' AND "targetId" = ?`,
              email,
            )
          ).length,
      )
      .toBe(i + 1);
    await expect(visitor.getByText("Wrong email or password.")).toBeVisible();
    // The password is never sent back into the form.
    await expect(visitor.getByLabel("Password")).toHaveValue("");
  }
  await submitSignIn(visitor, email, "the right password");
  await expect(visitor.getByText(`Too many failed sign-ins for ${email}`)).toBeVisible();
  await expect(visitor).toHaveURL(/\/sign-in/);
  expect(
    await query(`SELECT "id" FROM "AuditEvent" WHERE "action" = 'auth.sign-in-failed' AND "targetId" = ?`, email),
  ).toHaveLength(5);
  await visitor.context().close();

  await page.goto(`/admin/audit?action=auth.sign-in-failed&actor=${encodeURIComponent(email)}`);
  await expect(page.getByRole("row").filter({ hasText: `Failed sign-in for ${email}` })).toHaveCount(5);
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
  await submitSignIn(user, email, "temporary password");
  await expect(user.getByText("This account is disabled; ask an admin.")).toBeVisible();
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
