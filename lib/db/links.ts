import "server-only";
import { db } from "./client";
import { deleteUnlessUsed, namedRecordWrites, type WriteResult } from "./errors";
import type { LinkInput } from "@/lib/schemas/link";
import { LINK_RATE_SELECT } from "./selects";

/** One link with its testbed's name; null when it does not exist. */
export async function getLink({ id }: { id: number }) {
  return db.link.findUnique({
    where: { id },
    include: { testbed: { select: { id: true, name: true } }, _count: { select: { runs: true } } },
  });
}

const writes = namedRecordWrites<LinkInput>({
  create: (data) => db.link.create({ data, select: { id: true } }),
  // The testbed a link belongs to never changes.
  update: (id, { testbedId: _ignored, ...fields }) =>
    db.link.update({ where: { id }, data: fields, select: { id: true } }),
  nameTaken: (name) => `This testbed already has a link named "${name}"`,
  notFound: "This link no longer exists",
  reference: "The testbed for this link no longer exists",
});

/** Creates a link on a testbed. */
export const createLink = writes.create;

/** Updates a link; the testbed it belongs to never changes. */
export const updateLink = writes.update;

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
        select: { transferredBytes: true, durationMs: true },
      },
    },
  });
}

/** Stores fitted model parameters on links. */
export async function updateLinkModels({
  updates,
}: {
  updates: { id: number; modelEfficiency: number; modelSetupMs: number }[];
}) {
  await db.$transaction(
    updates.map((u) =>
      db.link.update({
        where: { id: u.id },
        data: { modelEfficiency: u.modelEfficiency, modelSetupMs: u.modelSetupMs },
      }),
    ),
  );
}
