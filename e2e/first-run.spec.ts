import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { expect, NO_COOKIES, test } from "./fixtures";
import { freePort, startAppServer } from "./app-server";

/** A fresh install: no admin yet, the setup link `npm run app` prints, and the first admin made once. */

test.describe("first run", () => {
  const dbFile = "data/e2e-first-run.db";
  let port = 0;
  let server: Awaited<ReturnType<typeof startAppServer>>;
  let link = "";

  test.beforeAll(async () => {
    port = await freePort();
    const env = {
      ...process.env,
      DATABASE_URL: `file:./${dbFile}`,
      PORT: String(port),
      MIGBENCH_RUNNER: "off",
      MIGBENCH_AUTH_SECRET_FILE: "data/e2e-first-run-secret",
    };
    for (const suffix of ["", "-journal", "-wal", "-shm"]) fs.rmSync(dbFile + suffix, { force: true });
    execFileSync("npx", ["tsx", "bin/db-migrate.ts", "apply"], { env, stdio: "ignore" });
    // What `npm run app` prints on a machine with no admin.
    const printed = execFileSync("npx", ["tsx", "--conditions", "react-server", "bin/setup-link.ts"], {
      env,
      encoding: "utf8",
    });
    link = /(http:\/\/localhost:\d+\/setup\?token=\S+)/.exec(printed)![1];
    server = await startAppServer(env, port);
  });

  test.afterAll(async () => {
    await server?.stop();
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
