import { loadSavedComparison } from "@/lib/operations/comparison-load";
import { DateTime } from "@/components/ui/date-time";
import { ComparisonSides } from "@/components/compare/comparison-sides";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";

import { currentPrincipal } from "@/lib/auth/principal";
import { hasRole } from "@/lib/auth/roles";
import { PageHeader } from "@/components/ui/page-header";
import { Card } from "@/components/ui/card";
import { CompareView } from "@/components/compare/compare-view";
import { CopyLinkButton } from "@/components/compare/share-actions";
import { DownloadLinks } from "@/components/ui/download-links";
import { ActionButton } from "@/components/ui/action-button";
import { markComparisonBaselineAction } from "@/app/compare/actions";

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const found = await loadSavedComparison((await params).slug);
  if (!found) return { title: "Comparison not found" };
  // A pasted link previews the title, what was compared and how it came out (the image is opengraph-image.tsx).
  const { saved, loaded } = found;
  const verdicts = (loaded?.groups ?? [])
    .filter((g) => g.comparison)
    .slice(0, 2)
    .map((g) => `${g.key}: ${g.comparison!.verdict}`);
  const description = loaded
    ? [`${loaded.baselineName} vs ${loaded.candidateName}, ${saved.runIds.length} runs.`, ...verdicts].join(" ")
    : "A saved migbench comparison.";
  return {
    title: saved.title,
    description,
    openGraph: { title: saved.title, description, type: "article" },
    twitter: { card: "summary_large_image", title: saved.title, description },
  };
}

/** A saved comparison: the shareable artefact, readable without signing in. */
export default async function SavedComparisonPage({ params }: Props) {
  const found = await loadSavedComparison((await params).slug);
  if (!found) notFound();
  const { slug, saved, params: parsed, loaded } = found;
  const me = await currentPrincipal();
  const canExport = hasRole(me.role, "viewer");
  const canOperate = hasRole(me.role, "operator");
  return (
    <>
      <PageHeader
        title={saved.title}
        breadcrumb={{ href: "/compare", label: "Compare" }}
        description={
          <>
            Saved <DateTime value={saved.createdAt} /> with {saved.runIds.length} runs — a saved comparison never
            changes when new runs arrive.{" "}
            <Link href={`/compare?${saved.query}`} className="text-sky-700 underline">
              Open the live version
            </Link>
            .
          </>
        }
      />
      <ComparisonSides loaded={loaded} />
      <div className="mb-6">
        <CompareView loaded={loaded} params={parsed} />
      </div>
      <Card title="Share and export">
        <div className="flex flex-wrap items-center gap-3">
          <CopyLinkButton />
          {canExport ? (
            <DownloadLinks href={`/c/${slug}/export`} />
          ) : (
            <Link className="text-sm text-sky-700 hover:underline" href={`/sign-in?next=/c/${slug}`}>
              Sign in to export the runs
            </Link>
          )}
          <a className="text-sm text-sky-700 hover:underline" href={`/c/${slug}/image.svg`}>
            Chart image (SVG)
          </a>
        </div>
      </Card>
      {canOperate ? (
        <Card
          title="Baseline for regression tracking"
          className="mt-6"
          actions={
            <ActionButton
              action={markComparisonBaselineAction.bind(null, slug)}
              label="Use the baseline side as baseline"
              pendingLabel="Marking…"
              confirmText="Make this comparison's baseline runs the baseline of every series they cover (replacing their baselines)?"
            />
          }
        >
          <p className="text-sm text-slate-600">
            The {loaded.baseline.runCount} frozen runs of the baseline side become the baseline of each series (VM
            profile × link) they cover: every campaign that finishes on those series is compared with them.
          </p>
        </Card>
      ) : null}
    </>
  );
}
