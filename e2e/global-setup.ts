import fs from "node:fs";
import { chromium, type FullConfig } from "@playwright/test";
import { createToken } from "../test-support/user-cli";
import { E2E_DATABASE_URL, installWriteCounter, writeCount } from "./db";
import { submitSignIn, AUTH_DIR, USERS, baseURL, storageStateOf, type E2ERole } from "./fixtures";

/**
 * Runs once the test server is up (scripts/e2e-server.sh created one user per role): signs each
 * role in through the sign-in page and keeps its browser state, and makes an API token per role
 * with `npm run user -- token`, as a pipeline would.
 */
export default async function globalSetup(config: FullConfig) {
  fs.mkdirSync(AUTH_DIR, { recursive: true });
  await installWriteCounter();
  const launchOptions = config.projects[0].use.launchOptions;
  const browser = await chromium.launch(launchOptions);
  try {
    for (const role of Object.keys(USERS) as E2ERole[]) {
      const context = await browser.newContext({ baseURL });
      const page = await context.newPage();
      await page.goto("/sign-in");
      await submitSignIn(page, USERS[role].email, USERS[role].password);
      await page.waitForURL((url) => url.pathname === "/");
      await context.storageState({ path: storageStateOf(role) });
      await context.close();
    }
  } finally {
    await browser.close();
  }
  const tokens: Record<string, string> = {};
  for (const role of Object.keys(USERS) as E2ERole[]) {
    tokens[role] = createToken(E2E_DATABASE_URL, USERS[role].email, `e2e ${role}`);
  }
  fs.writeFileSync(`${AUTH_DIR}/tokens.json`, JSON.stringify(tokens));
  // The counter's own check: three sign-ins and three tokens were written since it was installed.
  if ((await writeCount()) < 6) throw new Error("the write counter missed the sign-ins and tokens just written");
}
