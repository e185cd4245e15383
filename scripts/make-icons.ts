/**
 * Draws the static images in public/ from public/icon.svg with Chromium: the app icons (PNG at 32, 180,
 * 192 and 512 px), favicon.ico (the 32 px PNG in an ICO container) and og-image.png, the 1200 × 630
 * preview shown when a link to migbench is pasted into chat or a wiki. Run after changing the icon:
 *   npx tsx scripts/make-icons.ts
 */
import fs from "node:fs";
import path from "node:path";
import { chromium } from "@playwright/test";

const dir = path.join(__dirname, "..", "public");
const icon = fs.readFileSync(path.join(dir, "icon.svg"), "utf8");

/** An ICO file holding one PNG image (Windows Vista+ and every browser read PNG entries). */
function icoOf(png: Buffer, size: number): Buffer {
  const header = Buffer.alloc(6 + 16);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(1, 4); // one image
  header.writeUInt8(size, 6);
  header.writeUInt8(size, 7);
  header.writeUInt8(0, 8); // no palette
  header.writeUInt8(0, 9);
  header.writeUInt16LE(1, 10); // colour planes
  header.writeUInt16LE(32, 12); // bits per pixel
  header.writeUInt32LE(png.length, 14);
  header.writeUInt32LE(6 + 16, 18);
  return Buffer.concat([header, png]);
}

const OG_PAGE = `<!doctype html><html><body style="margin:0;width:1200px;height:630px;background:#0f172a;font-family:sans-serif;color:#f8fafc;display:flex;align-items:center;gap:64px;padding:0 96px;box-sizing:border-box">
<div style="width:260px;height:260px">${icon.replace("<svg ", '<svg width="260" height="260" ')}</div>
<div><div style="font-size:88px;font-weight:700;letter-spacing:-2px">mig<span style="color:#38bdf8">bench</span></div>
<div style="font-size:34px;color:#cbd5e1;margin-top:16px;line-height:1.3">VM live-migration test campaigns:<br>plan, run, compare, share.</div>
<div style="font-size:26px;color:#94a3b8;margin-top:28px">10GbE vs 40GbE · idle, once, continuous · time, bytes, downtime</div></div></body></html>`;

async function main() {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium" });
  try {
    const page = await browser.newPage();
    const pngs = new Map<number, Buffer>();
    for (const size of [32, 180, 192, 512]) {
      await page.setViewportSize({ width: size, height: size });
      await page.setContent(
        `<html><body style="margin:0;background:transparent">${icon.replace("<svg ", `<svg width="${size}" height="${size}" `)}</body></html>`,
      );
      pngs.set(size, await page.screenshot({ omitBackground: true }));
    }
    fs.writeFileSync(path.join(dir, "icon-192.png"), pngs.get(192)!);
    fs.writeFileSync(path.join(dir, "icon-512.png"), pngs.get(512)!);
    fs.writeFileSync(path.join(dir, "apple-touch-icon.png"), pngs.get(180)!);
    fs.writeFileSync(path.join(dir, "favicon.ico"), icoOf(pngs.get(32)!, 32));
    await page.setViewportSize({ width: 1200, height: 630 });
    await page.setContent(OG_PAGE);
    fs.writeFileSync(path.join(dir, "og-image.png"), await page.screenshot());
  } finally {
    await browser.close();
  }
}

void main();
