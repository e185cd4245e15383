import "server-only";
import { cache } from "react";
import { db } from "./client";
import { deleteUnlessUsed, guardedWrite, namedRecordWrites, type WriteResult } from "./errors";
import type { TestbedInput } from "@/lib/schemas/testbed";
import { READINESS_SELECT, readinessOf } from "./selects";

/** All testbeds with how many links and campaigns each has and their readiness, newest first. */
export async function listTestbeds() {
  const rows = await db.testbed.findMany({
    orderBy: { createdAt: "desc" },
    select: {
      ...READINESS_SELECT,
      hostMemoryBytes: true,
      _count: { select: { links: true, campaigns: true } },
    },
  });
  // The stored settings stay here: only the verdict on them leaves.
  return rows.map(({ connectionJson: _settings, ...t }) => ({
    ...t,
    readiness: readinessOf({ ...t, connectionJson: _settings }),
  }));
}

/** One testbed with its links and how many runs used each link; null when it does not exist. Once per request. */
export const getTestbed = cache(async ({ id }: { id: number }) => {
  return db.testbed.findUnique({
    where: { id },
    include: {
      links: { orderBy: { lineRateGbps: "asc" }, include: { _count: { select: { runs: true } } } },
      _count: { select: { campaigns: true } },
    },
  });
});

/** A testbed's hypervisor kind; null when it does not exist. */
export async function getTestbedKind({ id }: { id: number }): Promise<string | null> {
  const row = await db.testbed.findUnique({ where: { id }, select: { hypervisor: true } });
  return row?.hypervisor ?? null;
}

/** A testbed's readiness (what its adapter can apply, and why not); null when it does not exist. */
export async function getTestbedReadiness({ id }: { id: number }) {
  const row = await db.testbed.findUnique({ where: { id }, select: READINESS_SELECT });
  return row && readinessOf(row);
}

/** Creates a testbed; updates one. A taken name is refused on the name field. */
export const { create: createTestbed, update: updateTestbed } = namedRecordWrites<TestbedInput>(db.testbed, "testbed");

/**
 * Deletes a testbed and its links, unless campaigns refer to it: their runs are results that
 * must not disappear as a side effect.
 */
export async function deleteTestbed({ id }: { id: number }): Promise<WriteResult> {
  return deleteUnlessUsed(
    await db.campaign.count({ where: { testbedId: id } }),
    (campaigns) =>
      `This testbed has ${campaigns} campaign${campaigns === 1 ? "" : "s"}; delete ${campaigns === 1 ? "it" : "them"} first so no results are lost.`,
    () => db.testbed.delete({ where: { id } }),
    {
      notFound: "This testbed no longer exists",
      reference: "Runs still refer to this testbed's links; it was not deleted.",
    },
  );
}

/** Sets the minimum effect a testbed's regression verdicts count (campaigns that finish afterwards). */
export async function setTestbedMinEffect({
  id,
  minEffectPct,
}: {
  id: number;
  minEffectPct: number;
}): Promise<WriteResult<{ name: string; minEffectPct: number }>> {
  return guardedWrite(
    () => db.testbed.update({ where: { id }, data: { minEffectPct }, select: { name: true, minEffectPct: true } }),
    { notFound: "This testbed no longer exists" },
  ).then((r) => (r.ok ? r : { ...r, code: "not_found" as const }));
}

/** Every testbed with its links (names and rates), for pickers that choose a link within a testbed. */
export async function listTestbedLinkChoices() {
  return db.testbed.findMany({
    orderBy: { name: "asc" },
    select: {
      id: true,
      name: true,
      links: { orderBy: { lineRateGbps: "asc" }, select: { id: true, name: true, lineRateGbps: true } },
    },
  });
}
