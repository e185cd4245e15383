/**
 * Screenshots of the main pages at desktop (1440 px) and phone (390 px) width, for docs/screenshots/.
 * Against a running app with data (e.g. `npm run app` after launching a simulated campaign):
 *
 *   MIGBENCH_URL=http://localhost:3000 MIGBENCH_EMAIL=… MIGBENCH_PASSWORD=… npx tsx scripts/screenshots.ts
 *
 * Each picture is the top of the page (at most 1,800 px tall), so the files stay small.
 */
import fs from "node:fs";
import path from "node:path";
import { chromium } from "@playwright/test";

const base = (process.env.MIGBENCH_URL ?? "http://localhost:3000").replace(/\/$/, "");
const out = path.join(__dirname, "..", "docs", "screenshots");
const email = process.env.MIGBENCH_EMAIL;
const password = process.env.MIGBENCH_PASSWORD;

async function main() {
  if (!email || !password) throw new Error("Set MIGBENCH_EMAIL and MIGBENCH_PASSWORD (a viewer is enough)");
  fs.mkdirSync(out, { recursive: true });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium" });
  try {
    for (const [width, label] of [
      [1440, "desktop"],
      [390, "phone"],
    ] as const) {
      const context = await browser.newContext({ baseURL: base, viewport: { width, height: 900 } });
      const page = await context.newPage();
      await page.goto("/sign-in");
      await page.getByLabel("Email").fill(email);
      await page.getByLabel("Password").fill(password);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.waitForURL((u) => u.pathname === "/");
      // The reference campaign, the newest simulated one and a comparison of its two links.
      const { items } = await (await context.request.get("/api/campaigns?limit=20")).json();
      const reference = items.find((c: { status: string }) => c.status === "imported");
      const simulated = items.find((c: { status: string }) => c.status === "completed");
      const pages: [string, string][] = [
        ["overview", "/"],
        ["campaign", `/campaigns/${reference.id}`],
        ["launch", "/campaigns/new"],
      ];
      if (simulated) {
        const detail = await (await context.request.get(`/api/campaigns/${simulated.id}`)).json();
        const [a, b] = detail.links as { id: number }[];
        pages.push(["run", `/runs/${detail.runs.items[0].id}`]);
        if (b)
          pages.push([
            "compare",
            `/compare?b=campaign:${simulated.id}%2Blink:${a.id}&c=campaign:${simulated.id}%2Blink:${b.id}&metric=durationMs&group=profile`,
          ]);
      }
      for (const [name, url] of pages) {
        await page.goto(url, { waitUntil: "networkidle" });
        const height = Math.min(1800, await page.evaluate(() => document.documentElement.scrollHeight));
        await page.screenshot({
          path: path.join(out, `${name}-${label}.png`),
          clip: { x: 0, y: 0, width, height },
          fullPage: true,
        });
        console.log(`docs/screenshots/${name}-${label}.png`);
      }
      await context.close();
    }
  } finally {
    await browser.close();
  }
}

main().catch((error) => {
  console.error(error.message);
  process.exit(1);
});
