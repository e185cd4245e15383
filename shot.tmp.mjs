import { chromium } from "@playwright/test";
const [port, prefix, ...paths] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium" });
for (const width of [1280, 390]) {
  const page = await browser.newPage({ viewport: { width, height: 900 }, colorScheme: process.env.SCHEME ?? "light" });
  await page.goto(`http://localhost:${port}/sign-in`);
  await page.getByLabel("Email").fill("admin@e2e.test");
  await page.getByLabel("Password").fill("e2e-admin-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((u) => !u.pathname.startsWith("/sign-in"));
  for (const [i, p] of paths.entries()) {
    await page.goto(`http://localhost:${port}${p}`);
    await page.waitForLoadState("networkidle");
    await page.waitForTimeout(500);
    await page.screenshot({ path: `/tmp/${prefix}-${i}-${width}.png`, fullPage: true });
  }
  await page.close();
}
await browser.close();
