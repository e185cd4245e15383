import { listCurveCandidates, listSamplesForRuns } from "@/lib/db/compare";
import { curveStyle, linkColors, MAX_CURVES_PER_SIDE, pickCurves } from "@/lib/stats/curves";
import { compareQuery } from "@/lib/schemas/compare";
import { formatDurationMs } from "@/lib/format/units";
import { CurveChooser } from "./curve-chooser";
import { comparisonChartData } from "@/lib/stats/compare-view";
import { METRICS, type CompareParams } from "@/lib/schemas/compare";
import { CHART_UNITS } from "@/lib/format/chart-units";
import { CompareBarChart } from "@/components/charts/compare-bar-chart";
import { RemainingBytesChart } from "@/components/charts/remaining-bytes-chart";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import type { GroupSummary } from "@/lib/stats/summary";
import type { CompareGroup } from "@/lib/stats/compare-view";
import type { LoadedComparison } from "@/lib/operations/comparison-load";
import { DataTable } from "@/components/ui/data-table";

function Summary({ s, fmt }: { s: GroupSummary | null; fmt: (v: number) => string }) {
  if (!s) return <span className="text-slate-500">no runs</span>;
  return (
    <span className="num block">
      <span className="block font-semibold">{fmt(s.mean)}</span>
      <span className="block text-xs text-slate-500">
        n = {s.n}
        {s.sd !== null ? ` · sd ${fmt(s.sd)}` : ""}
      </span>
      {s.ciLow !== null ? (
        <span className="block text-xs text-slate-500">
          95% CI [{fmt(s.ciLow)}, {fmt(s.ciHigh!)}]
        </span>
      ) : null}
      <span className="block text-xs text-slate-500">
        median {fmt(s.median)} · {fmt(s.min)}–{fmt(s.max)}
      </span>
    </span>
  );
}

const rates = (list: number[]) => list.map((r) => `${r} Gb/s`).join(", ");

/** A group's name, and what it pools: several VM profiles, or runs over links of different rates. */
function GroupLabel({ group: g }: { group: CompareGroup }) {
  const notes = [
    g.profiles.length > 1 ? `mixes ${g.profiles.length} VM profiles: ${g.profiles.join("; ")}` : null,
    g.baselineRates.length > 1 ? `baseline pools links of ${rates(g.baselineRates)}` : null,
    g.candidateRates.length > 1 ? `candidate pools links of ${rates(g.candidateRates)}` : null,
  ].filter(Boolean);
  return (
    <>
      {g.key}
      {notes.map((n) => (
        <span key={n} className="mt-1 block max-w-56 text-xs font-normal text-amber-700">
          {n}
        </span>
      ))}
    </>
  );
}

function percent(x: number | null) {
  return x === null ? "—" : `${(x * 100).toFixed(1)}%`;
}

/** The comparison itself: verdicts, grouped bars with error bars, rate shares, overlaid curves. */
export async function CompareView({
  loaded,
  params,
  chooser = false,
}: {
  loaded: LoadedComparison;
  params: CompareParams;
  /** Offer the choice of overlaid runs (the live view; a saved comparison shows what was saved). */
  chooser?: boolean;
}) {
  const metric = METRICS[params.metric];
  const fmt = CHART_UNITS[metric.unit].tooltip;
  const groups = loaded.groups;
  if (!loaded.baseline.runCount || !loaded.candidate.runCount) {
    return (
      <EmptyState
        title={!loaded.baseline.runCount ? "No succeeded runs in the baseline" : "No succeeded runs in the candidate"}
      >
        Widen the selection or the filters: only succeeded runs are compared.
      </EmptyState>
    );
  }
  // Curves of both sides: the chosen runs, or a few of each link's first runs that recorded progress.
  const [baselineCandidates, candidateCandidates] = await Promise.all([
    listCurveCandidates(loaded.baseline.selection),
    listCurveCandidates(loaded.candidate.selection),
  ]);
  const sides = [
    { side: "baseline" as const, curves: pickCurves(baselineCandidates, params.curves) },
    { side: "candidate" as const, curves: pickCurves(candidateCandidates, params.curves) },
  ];
  const colors = linkColors(sides.flatMap((s) => s.curves));
  const samples = new Map(
    (await listSamplesForRuns({ runIds: [...new Set(sides.flatMap((s) => s.curves.map((c) => c.id)))] })).map((r) => [
      r.id,
      r.samples,
    ]),
  );
  const series = sides.flatMap(({ side, curves }) =>
    curves.map((c) => ({ ...curveStyle(side, c, colors), points: samples.get(c.id) ?? [] })),
  );
  const candidateText = (c: (typeof baselineCandidates)[number]) =>
    `#${c.id} · ${c.linkName} · ${c.profileName} · ${formatDurationMs(c.durationMs)}`;
  return (
    <div className="grid gap-6">
      <Card
        title={`${metric.label}: baseline vs candidate`}
        description="Per group: mean, spread and 95% interval of each side, the ratio with its interval, and Welch's t-test."
      >
        {params.pool ? (
          <p className="mb-3 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-800">
            VM sizes pooled: groups may mix VM counts and memory sizes, so a group&apos;s spread reflects the mix as
            well as run-to-run variation. Groups that mix are marked.
          </p>
        ) : null}
        <DataTable
          label="Comparison"
          density="card"
          rowHeader
          rows={groups}
          rowKey={(g) => g.key}
          rowClassName={() => "align-top"}
          columns={[
            { header: "Group", cell: (g) => <GroupLabel group={g} /> },
            { header: "Baseline", className: "text-right", cell: (g) => <Summary s={g.baseline} fmt={fmt} /> },
            { header: "Candidate", className: "text-right", cell: (g) => <Summary s={g.candidate} fmt={fmt} /> },
            {
              header: "Ratio",
              numeric: true,
              cell: (g) =>
                g.comparison ? (
                  <>
                    <span className="block font-semibold">{g.comparison.ratio.toFixed(2)}×</span>
                    {g.comparison.ratioLow !== null ? (
                      <span className="block text-xs text-slate-500">
                        [{g.comparison.ratioLow.toFixed(2)}, {g.comparison.ratioHigh!.toFixed(2)}]
                      </span>
                    ) : null}
                  </>
                ) : (
                  "—"
                ),
            },
            {
              header: "Difference",
              numeric: true,
              cell: (g) =>
                g.comparison
                  ? `${g.comparison.difference >= 0 ? "+" : "−"}${fmt(Math.abs(g.comparison.difference))}`
                  : "—",
            },
            {
              header: "Throughput / usable rate",
              numeric: true,
              className: "text-xs",
              cell: (g) => (
                <>
                  <span className="block">baseline {percent(g.baselineRateShare)}</span>
                  <span className="block">candidate {percent(g.candidateRateShare)}</span>
                </>
              ),
            },
            {
              header: "Verdict",
              cell: (g) =>
                g.comparison ? (
                  <span
                    className={
                      g.comparison.significant
                        ? "font-medium text-emerald-700"
                        : g.comparison.enoughRuns
                          ? "text-slate-700"
                          : "text-amber-700"
                    }
                  >
                    {g.comparison.verdict}
                  </span>
                ) : (
                  <span className="text-slate-500">one side has no runs in this group</span>
                ),
            },
          ]}
        />
        <p className="mt-2 text-xs text-slate-500">
          Ratio: how many times better the candidate is (
          {metric.direction === "lower-is-better" ? "baseline ÷ candidate" : "candidate ÷ baseline"}), 95% interval by
          the delta method on the log ratio. Verdicts need at least 3 runs per side and p &lt; 0.05.
        </p>
      </Card>
      <Card title="Means with 95% intervals">
        <CompareBarChart
          data={comparisonChartData(groups)}
          unit={metric.unit}
          baselineName={loaded.baselineName}
          candidateName={loaded.candidateName}
        />
      </Card>
      <Card
        title="Remaining bytes of the selected runs"
        description={
          series.length
            ? `${params.curves ? "The chosen runs" : "A few runs of each side, each link in turn"}: baseline solid, candidate dashed, a colour per link.`
            : undefined
        }
      >
        {series.length ? (
          <>
            <RemainingBytesChart series={series} />
            {chooser ? (
              <CurveChooser
                baseQuery={compareQuery({ ...params, curves: undefined })}
                max={MAX_CURVES_PER_SIDE}
                shown={sides.flatMap((s) => s.curves.map((c) => c.id))}
                sides={[
                  { title: "Baseline", runs: baselineCandidates.map((c) => ({ id: c.id, text: candidateText(c) })) },
                  { title: "Candidate", runs: candidateCandidates.map((c) => ({ id: c.id, text: candidateText(c) })) },
                ]}
              />
            ) : null}
          </>
        ) : (
          <p className="py-8 text-center text-sm text-slate-500">
            None of the selected runs recorded progress samples (imported results carry only final figures).
          </p>
        )}
      </Card>
    </div>
  );
}
