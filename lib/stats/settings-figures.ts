/**
 * What a run's migration settings did, read from the adapter's raw statistics: the highest vCPU throttle
 * (auto-converge), when post-copy started and what it carried, XBZRLE's cache, multifd's share. The
 * simulator reports the model's figures; QEMU its `query-migrate` per VM. Pure; unknown shapes give [].
 */
import { formatBytes, formatDurationMs } from "@/lib/format/units";

export type SettingsFigure = { label: string; value: string };

type Raw = Record<string, unknown>;
const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);
const pct = (v: number) => `${+v.toFixed(1)}%`;

export function settingsFigures(rawStats: unknown): SettingsFigure[] {
  if (!rawStats || typeof rawStats !== "object") return [];
  const raw = rawStats as Raw;
  const out: SettingsFigure[] = [];
  if (raw.model === "pre-copy") {
    // The simulator: the model's own figures.
    const throttle = num(raw.maxThrottlePct);
    if (throttle !== null) out.push({ label: "Highest vCPU throttle", value: pct(throttle) });
    const switchAt = num(raw.postcopySwitchAtMs);
    if (switchAt !== null) out.push({ label: "Switched to post-copy at", value: formatDurationMs(switchAt) });
    const post = num(raw.postcopyMs);
    if (post !== null) out.push({ label: "Guest ran degraded (post-copy) for", value: formatDurationMs(post) });
    const hit = num(raw.xbzrleHitRatio);
    if (hit !== null) out.push({ label: "XBZRLE cache hit ratio", value: pct(hit * 100) });
    return out;
  }
  const vms = Array.isArray(raw.vms) ? (raw.vms as Raw[]) : [];
  if (!vms.length) return out;
  const values = (key: string) => vms.map((v) => num(v[key])).filter((v): v is number => v !== null);
  const throttles = values("maxThrottlePct");
  if (throttles.some((t) => t > 0)) out.push({ label: "Highest vCPU throttle", value: pct(Math.max(...throttles)) });
  const switches = values("postcopySwitchAtMs");
  if (switches.length) out.push({ label: "Switched to post-copy at", value: formatDurationMs(Math.min(...switches)) });
  const postBytes = values("postcopyBytes");
  if (postBytes.some((b) => b > 0))
    out.push({ label: "Sent after the switch", value: formatBytes(postBytes.reduce((a, b) => a + b, 0)) });
  const multifd = values("multifdBytes");
  if (multifd.some((b) => b > 0))
    out.push({ label: "Sent over multifd channels", value: formatBytes(multifd.reduce((a, b) => a + b, 0)) });
  const caches = vms.map((v) => v.xbzrleCache).filter((c): c is Raw => !!c && typeof c === "object");
  if (caches.length) {
    const pages = caches.reduce((a, c) => a + (num(c.pages) ?? 0), 0);
    const misses = caches.reduce((a, c) => a + (num(c["cache-miss"]) ?? 0), 0);
    out.push({
      label: "XBZRLE",
      value: `${pages.toLocaleString("en-US")} pages sent as deltas, ${misses.toLocaleString("en-US")} cache misses`,
    });
  }
  return out;
}
