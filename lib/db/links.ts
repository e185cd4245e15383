import "server-only";
import { db } from "./client";
import { deleteUnlessUsed, namedRecordWrites, type WriteResult } from "./errors";
import type { LinkInput } from "@/lib/schemas/link";
import { LINK_RATE_SELECT } from "./selects";

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

/** A testbed's links with their measured (non-imported, succeeded) runs, for fitting the model. */
export async function listLinksWithMeasuredRuns({ testbedId }: { testbedId: number }) {
  return db.link.findMany({
    where: { testbedId },
    orderBy: { lineRateGbps: "asc" },
    select: {
      ...LINK_RATE_SELECT,
      runs: {
        where: {
          status: "succeeded",
          adapter: { not: "imported" },
          transferredBytes: { gt: 0 },
          durationMs: { gt: 0 },
        },
        select: {
          transferredBytes: true,
          durationMs: true,
          downtimeMs: true,
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
}

/** Stores fitted model parameters on links. */
export async function updateLinkModels({
  updates,
}: {
  updates: {
    id: number;
    modelEfficiency: number;
    modelSetupMs: number;
    modelDirtyingRateFactor: number | null;
    modelWireOverhead: number | null;
    modelSwitchoverMs: number | null;
  }[];
}) {
  await db.$transaction(
    updates.map((u) =>
      db.link.update({
        where: { id: u.id },
        data: {
          modelEfficiency: u.modelEfficiency,
          modelSetupMs: u.modelSetupMs,
          modelDirtyingRateFactor: u.modelDirtyingRateFactor,
          modelWireOverhead: u.modelWireOverhead,
          modelSwitchoverMs: u.modelSwitchoverMs,
        },
      }),
    ),
  );
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
