/**
 * Which runs' remaining-bytes curves a comparison overlays, and how they are drawn: a few per side by
 * default, spread over the side's links so each appears; or the runs a user chose. Baseline solid,
 * candidate dashed, one colour per link (slowest first), a legend naming side, link and run.
 */
import { LINK_COLORS } from "@/lib/format/chart-units";

export type CurveCandidate = {
  id: number;
  linkId: number;
  linkName: string;
  /** The link's usable (emulated) rate. */
  rateGbps: number;
  profileName: string;
  durationMs: number | null;
};

/** Curves per side when none are chosen, and at most when chosen. */
export const DEFAULT_CURVES_PER_SIDE = 4;
export const MAX_CURVES_PER_SIDE = 8;

/**
 * A side's curves: the chosen runs among its candidates (at most MAX_CURVES_PER_SIDE), or, with no
 * choice, the first runs of each link in turn so a side spanning two links shows both.
 */
export function pickCurves(candidates: CurveCandidate[], chosen?: number[]): CurveCandidate[] {
  if (chosen) {
    const wanted = new Set(chosen);
    return candidates.filter((c) => wanted.has(c.id)).slice(0, MAX_CURVES_PER_SIDE);
  }
  const byLink = new Map<number, CurveCandidate[]>();
  for (const c of candidates) byLink.set(c.linkId, [...(byLink.get(c.linkId) ?? []), c]);
  const queues = [...byLink.values()];
  const picked: CurveCandidate[] = [];
  for (let i = 0; picked.length < DEFAULT_CURVES_PER_SIDE && queues.some((q) => i < q.length); i++)
    for (const q of queues) if (i < q.length && picked.length < DEFAULT_CURVES_PER_SIDE) picked.push(q[i]);
  return picked.sort((a, b) => a.id - b.id);
}

/** A colour per link, slowest link first (as the campaign charts colour them). */
export function linkColors(curves: CurveCandidate[]): Map<number, string> {
  const links = [...new Map(curves.map((c) => [c.linkId, c])).values()].sort(
    (a, b) => a.rateGbps - b.rateGbps || a.linkId - b.linkId,
  );
  return new Map(links.map((l, i) => [l.linkId, LINK_COLORS[i % LINK_COLORS.length]]));
}

/** How a curve is named in the legend and drawn. */
export function curveStyle(side: "baseline" | "candidate", curve: CurveCandidate, colors: Map<number, string>) {
  return {
    name: `${side === "baseline" ? "Baseline" : "Candidate"} · ${curve.linkName} · run #${curve.id}`,
    color: colors.get(curve.linkId) ?? LINK_COLORS[0],
    dashed: side === "candidate",
  };
}
