import "server-only";
import { db } from "./client";
import { guardedWrite, type WriteResult } from "./errors";
import type { LinkInput } from "@/lib/schemas/link";

/** One link with its testbed's name; null when it does not exist. */
export async function getLink({ id }: { id: number }) {
  return db.link.findUnique({
    where: { id },
    include: { testbed: { select: { id: true, name: true } }, _count: { select: { runs: true } } },
  });
}

const NAME_TAKEN = (name: string) => `This testbed already has a link named "${name}"`;

/** Creates a link on a testbed. */
export async function createLink({ data }: { data: LinkInput }): Promise<WriteResult<{ id: number }>> {
  return guardedWrite(() => db.link.create({ data, select: { id: true } }), {
    nameTaken: NAME_TAKEN(data.name),
    reference: "The testbed for this link no longer exists",
  });
}

/** Updates a link; the testbed it belongs to never changes. */
export async function updateLink({ id, data }: { id: number; data: LinkInput }): Promise<WriteResult> {
  const { testbedId: _ignored, ...fields } = data;
  return guardedWrite(async () => void (await db.link.update({ where: { id }, data: fields })), {
    nameTaken: NAME_TAKEN(data.name),
    notFound: "This link no longer exists",
  });
}

/** Deletes a link unless runs used it. */
export async function deleteLink({ id }: { id: number }): Promise<WriteResult> {
  const runs = await db.run.count({ where: { linkId: id } });
  if (runs > 0) {
    return {
      ok: false,
      message: `${runs} run${runs === 1 ? " was" : "s were"} measured over this link; delete ${runs === 1 ? "its campaign" : "their campaigns"} first so no results are lost.`,
    };
  }
  return guardedWrite(async () => void (await db.link.delete({ where: { id } })), {
    notFound: "This link no longer exists",
    reference: "Runs now refer to this link; it was not deleted.",
  });
}

/** A testbed's links with their measured (non-imported, succeeded) runs, for fitting the model. */
export async function listLinksWithMeasuredRuns({ testbedId }: { testbedId: number }) {
  return db.link.findMany({
    where: { testbedId },
    orderBy: { lineRateGbps: "asc" },
    select: {
      id: true,
      name: true,
      lineRateGbps: true,
      busLimitGbps: true,
      modelEfficiency: true,
      modelSetupMs: true,
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
