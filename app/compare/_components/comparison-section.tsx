import type { LoadedComparison } from "@/lib/operations/comparison-load";
import { ComparisonSides } from "@/components/compare/comparison-sides";
import { CardSkeleton, Skeleton } from "@/components/ui/skeleton";
import type { CompareParams } from "@/lib/schemas/compare";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { DownloadLinks } from "@/components/ui/download-links";
import { CompareView } from "@/components/compare/compare-view";
import { CopyLinkButton, SaveComparisonForm } from "@/components/compare/share-actions";
import { saveComparisonAction } from "../actions";

/** The comparison's shape while it loads: the sides line, the verdict table and chart, sharing. */
export function ComparisonSkeleton() {
  return (
    <div role="status" aria-label="Comparing…">
      <Skeleton className="mb-4 h-5 w-2/3" />
      <CardSkeleton label="the comparison table" height="h-48" />
      <CardSkeleton label="the comparison chart" height="h-72" />
      <CardSkeleton label="sharing" height="h-24" />
    </div>
  );
}

/** What to do when no comparison is chosen yet. */
export function ChooseBothSides() {
  return (
    <div className="mb-6">
      <EmptyState title="Choose a baseline and a candidate">
        For example the whitepaper&apos;s 10GbE link as baseline and its 40GbE link as candidate, or a published
        campaign against a simulated one.
      </EmptyState>
    </div>
  );
}

/**
 * Both sides of the comparison the URL describes, aggregated by the database, with sharing and export; the
 * page streams it in below its controls.
 */
export async function ComparisonSection({
  comparison,
  params,
  query,
  canOperate,
}: {
  comparison: Promise<LoadedComparison | null>;
  params: CompareParams;
  query: string;
  canOperate: boolean;
}) {
  const loaded = await comparison;
  return loaded ? (
    <>
      <ComparisonSides loaded={loaded} />
      <div className="mb-6">
        <CompareView loaded={loaded} params={params} chooser />
      </div>
      <Card title="Share and export" className="mb-6">
        <div className="flex flex-wrap items-end gap-3">
          <CopyLinkButton />
          <DownloadLinks href={`/compare/export?${query}`} />
          <a className="text-sm text-sky-700 hover:underline" href={`/compare/image.svg?${query}`}>
            Chart image (SVG)
          </a>
        </div>
        <div className="mt-4">
          {canOperate ? (
            <SaveComparisonForm
              action={saveComparisonAction}
              query={query}
              defaultTitle={`${loaded.baselineName} vs ${loaded.candidateName}`.slice(0, 200)}
            />
          ) : (
            <p className="text-sm text-slate-500">An operator can save this comparison under a frozen link.</p>
          )}
        </div>
      </Card>
    </>
  ) : (
    <ChooseBothSides />
  );
}
