import "server-only";
import { db } from "./client";
import { deleteUnlessUsed, namedRecordWrites, type WriteResult } from "./errors";
import type { LinkInput } from "@/lib/schemas/link";
import { LINK_RATE_SELECT } from "./selects";
import { MAX_FIT_RUNS_PER_LINK } from "@/lib/model/fit-testbed";

/** One link with its testbed's name; null when it does not exist. */
export async function getLink({ id }: { id: number }) {
  return db.link.findUnique({
    where: { id },
    include: { testbed: { select: { id: true, name: true, hypervisor: true } }, _count: { select: { runs: true } } },
  });
}

/** Creates a link on a testbed; updates one, whose testbed never changes. */
export const { create: createLink, update: updateLink } = namedRecordWrites<LinkInput>(db.link, "link", {
  nameTaken: (name) => `This testbed already has a link named "${name}"`,
  reference: "The testbed for this link no longer exists",
  editable: ({ testbedId: _ignored, ...fields }) => fields as LinkInput,
});

/** How many of a link's runs are queued or running. */
export async function countUnfinishedRuns({ linkId }: { linkId: number }): Promise<number> {
  return db.run.count({ where: { linkId, status: { in: ["queued", "running"] } } });
}

/** Deletes a link unless runs used it. */
export async function deleteLink({ id }: { id: number }): Promise<WriteResult> {
  return deleteUnlessUsed(
    await db.run.count({ where: { linkId: id } }),
    (runs) =>
      `${runs} run${runs === 1 ? " was" : "s were"} measured over this link; delete ${runs === 1 ? "its campaign" : "their campaigns"} first so no results are lost.`,
    () => db.link.delete({ where: { id } }),
    { notFound: "This link no longer exists", reference: "Runs now refer to this link; it was not deleted." },
  );
}

/**
 * A testbed's links with their newest measured (non-imported, succeeded) runs, for fitting the model, each with
 * how its link was shaped where the adapter says (QEMU: tc or max-bandwidth, from its raw statistics).
 */
export async function listLinksWithMeasuredRuns({ testbedId }: { testbedId: number }) {
  const measured = {
    status: "succeeded",
    adapter: { not: "imported" },
    transferredBytes: { gt: 0 },
    durationMs: { gt: 0 },
  };
  const links = await db.link.findMany({
    where: { testbedId },
    orderBy: { lineRateGbps: "asc" },
    select: {
      ...LINK_RATE_SELECT,
      runs: {
        where: measured,
        // The newest of them: an older history adds little to a fit but time.
        orderBy: { id: "desc" },
        take: MAX_FIT_RUNS_PER_LINK,
        select: {
          id: true,
          transferredBytes: true,
          durationMs: true,
          downtimeMs: true,
          dirtyRateBytesPerSec: true,
          settingsJson: true,
          sweepVariable: true,
          sweepValue: true,
          profile: {
            select: {
              ...{ workload: true, memoryBytes: true, vmCount: true },
              ...{ dirtyRateBytesPerSec: true, workingSetBytes: true },
            },
          },
        },
      },
    },
  });
  // How QEMU runs were shaped, from their raw statistics: only for the runs read above.
  const ids = links.flatMap((l) => l.runs.map((r) => r.id));
  const shaped = ids.length
    ? await db.run.findMany({ where: { id: { in: ids }, adapter: "qemu" }, select: { id: true, rawStatsJson: true } })
    : [];
  const shaping = new Map(shaped.map((r) => [r.id, shapingOf(r.rawStatsJson)]));
  return links.map((link) => ({
    ...link,
    runs: link.runs.map((run) => ({ ...run, shaping: shaping.get(run.id) ?? null })),
  }));
}

/** How a QEMU run's link was shaped, from its raw statistics (lib/hypervisors/qemu/collect.ts); null: not said. */
function shapingOf(rawStatsJson: string | null): "tc" | "max-bandwidth" | null {
  try {
    const method = (JSON.parse(rawStatsJson ?? "null") as { shaping?: { method?: unknown } } | null)?.shaping?.method;
    if (typeof method !== "string") return null;
    return method.startsWith("tc ") ? "tc" : method.includes("max-bandwidth") ? "max-bandwidth" : null;
  } catch {
    return null;
  }
}

/**
 * Stores a testbed's fitted model in one transaction: its host parameters on the testbed, and each fitted link's
 * efficiency and setup; the links' own host parameters are cleared, so every link, tested or not, inherits them.
 */
export async function storeTestbedModel({
  testbedId,
  host,
  links,
}: {
  testbedId: number;
  host: {
    modelDirtyingRateFactor: number | null;
    modelWireOverhead: number | null;
    modelSwitchoverMs: number | null;
    modelDirtyRateFidelity: number | null;
  };
  links: { id: number; modelEfficiency: number; modelSetupMs: number }[];
}) {
  await db.$transaction([
    db.testbed.update({ where: { id: testbedId }, data: host }),
    db.link.updateMany({
      where: { testbedId },
      data: { modelDirtyingRateFactor: null, modelWireOverhead: null, modelSwitchoverMs: null },
    }),
    ...links.map((u) =>
      db.link.update({
        where: { id: u.id, testbedId },
        data: { modelEfficiency: u.modelEfficiency, modelSetupMs: u.modelSetupMs },
      }),
    ),
  ]);
}

/** The testbed's kind and default settings with the chosen links' paths: whether they are distinct paths. */
export async function getLinkPaths({ testbedId, linkIds }: { testbedId: number; linkIds: number[] }) {
  return db.testbed.findUnique({
    where: { id: testbedId },
    select: {
      hypervisor: true,
      connectionJson: true,
      maxConcurrentRuns: true,
      links: {
        where: { id: { in: linkIds } },
        orderBy: { lineRateGbps: "asc" },
        select: { id: true, name: true, emulated: true, pathJson: true },
      },
    },
  });
}

/** What a testbed's fit depends on, read cheaply: how many measured runs it has, the newest, the last finished. */
export async function measuredRunsFingerprint({ testbedId }: { testbedId: number }) {
  const agg = await db.run.aggregate({
    where: { link: { testbedId }, status: "succeeded", adapter: { not: "imported" } },
    _count: { _all: true },
    _max: { id: true, finishedAt: true },
  });
  return `${agg._count._all}:${agg._max.id ?? 0}:${agg._max.finishedAt?.toISOString() ?? ""}`;
}
