import type { Metadata } from "next";
import { DateTime } from "@/components/ui/date-time";
import { Suspense } from "react";
import Link from "next/link";
import { z } from "zod";
import { namesOf, type SearchItem } from "@/lib/db/search";
import { listComparisons } from "@/lib/db/comparisons";
import {
  compareParamsSchema,
  compareQuery,
  GROUPINGS,
  METRICS,
  type CompareParams,
  type SelectionTerm,
} from "@/lib/schemas/compare";
import { describeSelection, listSelectionVariants, selectionsOf } from "@/lib/db/compare";
import { labelOfSettingsKey } from "@/lib/model/migration-settings";
import { PageHeader } from "@/components/ui/page-header";
import { Card } from "@/components/ui/card";
import { ActionButton } from "@/components/ui/action-button";
import { CompareControls, type CompareChoices } from "./_components/compare-controls";
import { deleteComparisonAction } from "./actions";
import { ChooseBothSides, ComparisonSection, ComparisonSkeleton } from "./_components/comparison-section";
import { loadComparison } from "@/lib/operations/comparison-load";
import { hasRole } from "@/lib/auth/roles";
import { canReadPages, requirePageRole } from "@/lib/auth/guard";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** The tab and a pasted link name what is compared: "Time: 10GbE … vs 40GbE …". */
export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const parsed = compareParamsSchema.safeParse(await searchParams);
  if (!(await canReadPages()) || !parsed.success || !parsed.data.b || !parsed.data.c) return { title: "Compare" };
  const { baseline, candidate } = selectionsOf(parsed.data);
  const [b, c] = await Promise.all([describeSelection(baseline!), describeSelection(candidate!)]);
  const title = `${METRICS[parsed.data.metric].label}: ${b} vs ${c}`;
  const description = `Baseline ${b} against candidate ${c}, grouped by ${GROUPINGS[parsed.data.group].toLowerCase()}: means, 95% intervals, ratios and Welch's t-test.`;
  return { title, description, openGraph: { title, description }, twitter: { title, description } };
}

/** Names of what the URL selects, for the pickers (one id per picker; other terms stay in the URL). */
async function choicesOf(params: CompareParams): Promise<CompareChoices> {
  const one = async (kind: "campaign" | "testbed" | "link", terms?: SelectionTerm[]): Promise<SearchItem | null> => {
    const ids = terms?.find((t) => t.kind === kind)?.ids ?? [];
    return ids.length ? ((await namesOf({ kind, ids: ids.slice(0, 1) }))[0] ?? null) : null;
  };
  const side = async (terms?: SelectionTerm[]) => ({
    campaign: await one("campaign", terms),
    testbed: await one("testbed", terms),
    link: await one("link", terms),
  });
  // Every variant either side's runs used, so a side can be pinned to one (the defaults first); two sides
  // over the same runs (variant against variant) are asked once.
  const sides = Object.values(selectionsOf(params)).filter((s) => s !== null);
  const distinct = [...new Map(sides.map((s) => [JSON.stringify({ ...s, settingsKey: undefined }), s])).values()];
  const keys = new Set((await Promise.all(distinct.map(listSelectionVariants))).flat());
  return {
    b: await side(params.b),
    c: await side(params.c),
    variants: [...keys].sort((x, y) => (x === "" ? -1 : y === "" ? 1 : x.localeCompare(y))).map(labelOfSettingsKey),
    profile: params.profile ? ((await namesOf({ kind: "profile", ids: [params.profile] }))[0] ?? null) : null,
  };
}

export default async function ComparePage({ searchParams }: Props) {
  const me = await requirePageRole("viewer");
  const canOperate = hasRole(me.role, "operator");
  const parsed = compareParamsSchema.safeParse(await searchParams);
  const params = parsed.success ? parsed.data : compareParamsSchema.parse({});
  // Started at once, awaited where it is shown: the controls stream first, the comparison when it is ready.
  const comparison = parsed.success ? loadComparison(params) : null;
  comparison?.catch(() => {}); // awaited (and thrown) in ComparisonSection; never an unhandled rejection here
  const [choices, saved] = await Promise.all([choicesOf(params), listComparisons()]);
  const query = compareQuery(params);
  return (
    <>
      <PageHeader
        title="Compare"
        description="Choose a baseline and a candidate — links, testbeds, campaigns or run ids — a metric and a grouping. The URL describes the view exactly: copy it to share, or save it to freeze the runs it shows."
      />
      {!parsed.success ? (
        <p role="alert" className="mb-4 rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
          This comparison link is not valid: {Object.values(z.flattenError(parsed.error).fieldErrors).flat().join("; ")}
          . Choose again below.
        </p>
      ) : null}
      <Card className="mb-6">
        <CompareControls
          choices={choices}
          b={params.b}
          c={params.c}
          metric={params.metric}
          group={params.group}
          pool={params.pool}
          workload={params.workload}
          variants={choices.variants}
          bv={params.bv}
          cv={params.cv}
        />
      </Card>
      {comparison ? (
        // Keyed by what is compared, not by the overlaid curves: choosing curves keeps the table on screen.
        <Suspense key={compareQuery({ ...params, curves: undefined })} fallback={<ComparisonSkeleton />}>
          <ComparisonSection comparison={comparison} params={params} query={query} canOperate={canOperate} />
        </Suspense>
      ) : (
        <ChooseBothSides />
      )}
      <Card title="Saved comparisons" description="Frozen: each keeps the runs it showed when saved. The 50 newest.">
        {saved.length === 0 ? (
          <p className="text-sm text-slate-500">None yet. Build a comparison and press “Save comparison”.</p>
        ) : (
          <ul className="divide-y divide-slate-100">
            {saved.map((s) => (
              <li key={s.slug} className="flex items-center justify-between gap-4 py-2 text-sm">
                <span>
                  <Link href={`/c/${s.slug}`} className="font-medium text-sky-700 hover:underline">
                    {s.title}
                  </Link>
                  <span className="ml-2 text-slate-500">
                    /c/{s.slug} · {s.runCount} runs · saved <DateTime value={s.createdAt} />
                  </span>
                </span>
                {canOperate ? (
                  <ActionButton
                    action={deleteComparisonAction.bind(null, s.slug)}
                    label="Delete"
                    variant="danger"
                    pendingLabel="Deleting…"
                    confirmText={`Delete the saved comparison "${s.title}"? Its runs stay.`}
                  />
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </Card>
    </>
  );
}
