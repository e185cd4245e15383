import { chromium } from "@playwright/test";
const [url, out, h] = process.argv.slice(2);
const b = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox","--disable-gpu","--disable-background-networking","--disable-component-update","--disable-sync","--no-first-run"] });
const p = await b.newPage({ viewport: { width: 1400, height: Number(h || 1000) } });
p.on("console", m => { if (m.type()==="error") console.log("console:", m.text()); });
await p.goto(url, { waitUntil: "networkidle" });
await p.waitForTimeout(500);
await p.screenshot({ path: out, fullPage: true });
await b.close();
