/** A comparison chart as a standalone SVG, for reports and wikis (no browser needed). */
import { CHART_UNITS, type ChartUnit } from "@/lib/format/chart-units";
import { niceAxis } from "@/lib/format/axis";
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
  const left = 90;
  const right = 20;
  const top = 60;
  const plotW = width - left - right;
  const plotH = 290;
  const legend = legendRows(
    [
      { color: "#64748b", text: `Baseline: ${baselineName}` },
      { color: "#0284c7", text: `Candidate: ${candidateName}` },
    ],
    plotW,
  );
  const height = top + plotH + 50 + legend.length * LEGEND_LINE + 12;
  const axis = niceAxis(
    unit,
    groups.flatMap((g) => [g.baseline?.ciHigh ?? g.baseline?.mean ?? 0, g.candidate?.ciHigh ?? g.candidate?.mean ?? 0]),
  );
  const maxValue = axis.domain[1];
  // Whiskers below zero stop at the axis.
  const y = (v: number) => top + plotH - (Math.max(0, v) / maxValue) * plotH;
  const slot = plotW / Math.max(1, groups.length);
  const barW = Math.min(60, slot / 3);
  const parts: string[] = [];
  parts.push(
    `<text x="${width / 2}" y="24" text-anchor="middle" font-size="16" font-weight="600">${escape(title)}</text>`,
  );
  for (const v of axis.ticks) {
    parts.push(`<line x1="${left}" x2="${width - right}" y1="${y(v)}" y2="${y(v)}" stroke="#e2e8f0"/>`);
    parts.push(
      `<text x="${left - 8}" y="${y(v) + 4}" text-anchor="end" font-size="11" fill="#475569">${escape(axis.format(v))}</text>`,
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
  legend.forEach((row, r) => {
    const ly = top + plotH + 50 + r * LEGEND_LINE;
    for (const item of row)
      parts.push(
        item.swatch
          ? `<rect x="${left + item.x}" y="${ly - 9}" width="10" height="10" fill="${item.color}"/><text x="${left + item.x + 16}" y="${ly}" font-size="11">${escape(item.text)}</text>`
          : `<text x="${left + item.x + 16}" y="${ly}" font-size="11">${escape(item.text)}</text>`,
      );
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif"><rect width="100%" height="100%" fill="white"/>${parts.join("")}</svg>`;
}

const LEGEND_LINE = 16;
/** Width of a character of 11 px sans-serif, generously: a legend line is never wider than its room. */
const CHAR_W = 6.6;

type LegendPiece = { x: number; color: string; text: string; swatch: boolean };

/**
 * Legend entries laid out in rows that fit `width`: entries side by side while they fit, and an entry
 * too long for a row of its own broken at spaces (or anywhere, for a space-less name) over several.
 */
export function legendRows(entries: { color: string; text: string }[], width: number): LegendPiece[][] {
  const rows: LegendPiece[][] = [];
  let row: LegendPiece[] = [];
  let x = 0;
  const room = Math.max(10, Math.floor((width - 16) / CHAR_W));
  for (const e of entries) {
    const lines = wrapText(e.text, room);
    const w = 16 + lines[0].length * CHAR_W + 24;
    if (lines.length > 1 || x + w > width) {
      if (row.length) rows.push(row);
      row = [];
      x = 0;
    }
    if (lines.length > 1) {
      lines.forEach((line, i) => rows.push([{ x: 0, color: e.color, text: line, swatch: i === 0 }]));
      continue;
    }
    row.push({ x, color: e.color, text: lines[0], swatch: true });
    x += w;
  }
  if (row.length) rows.push(row);
  return rows;
}

function wrapText(text: string, room: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    for (let rest = word; rest.length;) {
      const candidate = line ? `${line} ${rest}` : rest;
      if (candidate.length <= room) {
        line = candidate;
        rest = "";
      } else if (line) {
        lines.push(line);
        line = "";
      } else {
        lines.push(rest.slice(0, room));
        rest = rest.slice(room);
      }
    }
  }
  if (line || !lines.length) lines.push(line);
  return lines;
}
