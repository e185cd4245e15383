/** A comparison chart as a standalone SVG, for reports and wikis (no browser needed). */
import { CHART_UNITS, type ChartUnit } from "@/lib/format/chart-units";
import type { CompareGroup } from "@/lib/stats/compare-view";

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

/** Grouped bars (baseline, candidate) with 95% interval whiskers, axis in the metric's unit. */
export function comparisonSvg({
  title,
  groups,
  unit,
  baselineName,
  candidateName,
}: {
  title: string;
  groups: CompareGroup[];
  unit: ChartUnit;
  baselineName: string;
  candidateName: string;
}): string {
  const u = CHART_UNITS[unit];
  const width = 900;
  const height = 420;
  const left = 90;
  const right = 20;
  const top = 60;
  const bottom = 70;
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const highs = groups.flatMap((g) => [
    g.baseline?.ciHigh ?? g.baseline?.mean ?? 0,
    g.candidate?.ciHigh ?? g.candidate?.mean ?? 0,
  ]);
  const maxValue = Math.max(1e-9, ...highs) * 1.1;
  const y = (v: number) => top + plotH - (v / maxValue) * plotH;
  const slot = plotW / Math.max(1, groups.length);
  const barW = Math.min(60, slot / 3);
  const parts: string[] = [];
  parts.push(
    `<text x="${width / 2}" y="24" text-anchor="middle" font-size="16" font-weight="600">${escape(title)}</text>`,
  );
  for (let i = 0; i <= 5; i++) {
    const v = (maxValue / 5) * i;
    parts.push(`<line x1="${left}" x2="${width - right}" y1="${y(v)}" y2="${y(v)}" stroke="#e2e8f0"/>`);
    parts.push(
      `<text x="${left - 8}" y="${y(v) + 4}" text-anchor="end" font-size="11" fill="#475569">${escape(u.tick(v))}</text>`,
    );
  }
  parts.push(
    `<text transform="translate(18 ${top + plotH / 2}) rotate(-90)" text-anchor="middle" font-size="12" fill="#475569">${escape(u.axisLabel)}</text>`,
  );
  groups.forEach((g, i) => {
    const cx = left + slot * i + slot / 2;
    for (const [s, dx, color] of [
      [g.baseline, -barW / 2 - 2, "#64748b"],
      [g.candidate, barW / 2 + 2, "#0284c7"],
    ] as const) {
      if (!s) continue;
      const x = cx + dx - barW / 2;
      parts.push(
        `<rect x="${x}" y="${y(s.mean)}" width="${barW}" height="${top + plotH - y(s.mean)}" fill="${color}"><title>${escape(u.tooltip(s.mean))} (n = ${s.n})</title></rect>`,
      );
      parts.push(
        `<text x="${x + barW / 2}" y="${y(s.ciHigh ?? s.mean) - 6}" text-anchor="middle" font-size="10">${escape(u.tooltip(s.mean))}</text>`,
      );
      if (s.ciLow !== null && s.ciHigh !== null) {
        const mx = x + barW / 2;
        parts.push(
          `<line x1="${mx}" x2="${mx}" y1="${y(s.ciLow)}" y2="${y(s.ciHigh)}" stroke="#0f172a" stroke-width="1.5"/>`,
        );
        for (const v of [s.ciLow, s.ciHigh])
          parts.push(
            `<line x1="${mx - 5}" x2="${mx + 5}" y1="${y(v)}" y2="${y(v)}" stroke="#0f172a" stroke-width="1.5"/>`,
          );
      }
    }
    parts.push(`<text x="${cx}" y="${top + plotH + 18}" text-anchor="middle" font-size="11">${escape(g.key)}</text>`);
    if (g.comparison)
      parts.push(
        `<text x="${cx}" y="${top + plotH + 34}" text-anchor="middle" font-size="11" fill="#0f172a">${escape(`${g.comparison.ratio.toFixed(2)}×`)}</text>`,
      );
  });
  parts.push(
    `<rect x="${left}" y="${height - 22}" width="10" height="10" fill="#64748b"/><text x="${left + 16}" y="${height - 13}" font-size="11">${escape(`Baseline: ${baselineName}`)}</text>`,
  );
  parts.push(
    `<rect x="${left + plotW / 2}" y="${height - 22}" width="10" height="10" fill="#0284c7"/><text x="${left + plotW / 2 + 16}" y="${height - 13}" font-size="11">${escape(`Candidate: ${candidateName}`)}</text>`,
  );
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif"><rect width="100%" height="100%" fill="white"/>${parts.join("")}</svg>`;
}
