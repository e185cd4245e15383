import { loadSavedComparison } from "@/lib/operations/comparison-load";
import { ImageResponse } from "next/og";
import { METRICS } from "@/lib/schemas/compare";
import { CHART_UNITS } from "@/lib/format/chart-units";

/**
 * The picture a pasted /c/<slug> link previews with (Open Graph / Twitter card): the comparison's title,
 * its two sides, and each group's means as a pair of bars with the verdict — public, like the page.
 */
export const size = { width: 1200, height: 630 };
export const contentType = "image/png";
export const alt = "The saved comparison: baseline and candidate means per group";

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

export default async function Image({ params }: { params: Promise<{ slug: string }> }) {
  const found = await loadSavedComparison((await params).slug);
  const saved = found?.saved;
  const loaded = found?.loaded;
  const metric = found ? METRICS[found.params.metric] : null;
  const unit = metric ? CHART_UNITS[metric.unit] : null;
  const groups = (loaded?.groups ?? []).filter((g) => g.baseline || g.candidate).slice(0, 4);
  const max = Math.max(1e-9, ...groups.flatMap((g) => [g.baseline?.mean ?? 0, g.candidate?.mean ?? 0]));
  const bar = (value: number | undefined, color: string) => (
    <div style={{ display: "flex", alignItems: "center", gap: 12, height: 30 }}>
      <div style={{ width: `${((value ?? 0) / max) * 620}px`, height: 26, background: color, borderRadius: 4 }} />
      <div style={{ fontSize: 22, color: "#334155" }}>
        {value === undefined || !unit ? "no runs" : unit.tooltip(value)}
      </div>
    </div>
  );
  return new ImageResponse(
    <div
      style={{
        width: "100%",
        height: "100%",
        display: "flex",
        flexDirection: "column",
        background: "#f8fafc",
        padding: "48px 64px",
        fontFamily: "sans-serif",
      }}
    >
      <div style={{ display: "flex", fontSize: 26, color: "#0284c7", fontWeight: 700 }}>
        migbench · saved comparison
      </div>
      <div style={{ display: "flex", fontSize: 48, fontWeight: 700, color: "#0f172a", marginTop: 8 }}>
        {clip(saved?.title ?? "Comparison not found", 48)}
      </div>
      {loaded ? (
        <div style={{ display: "flex", fontSize: 22, color: "#475569", marginTop: 8 }}>
          {clip(`${metric!.label}: ${loaded.baselineName} (grey) vs ${loaded.candidateName} (blue)`, 100)}
        </div>
      ) : null}
      <div style={{ display: "flex", flexDirection: "column", gap: 18, marginTop: 28 }}>
        {groups.map((g) => (
          <div key={g.key} style={{ display: "flex", flexDirection: "column" }}>
            <div style={{ display: "flex", fontSize: 22, fontWeight: 700, color: "#0f172a" }}>
              {clip(`${g.key}${g.comparison ? ` — ${g.comparison.ratio.toFixed(2)}×` : ""}`, 80)}
            </div>
            {bar(g.baseline?.mean, "#64748b")}
            {bar(g.candidate?.mean, "#0284c7")}
          </div>
        ))}
      </div>
    </div>,
    size,
  );
}
