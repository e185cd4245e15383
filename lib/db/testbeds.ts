import "server-only";
import { cache } from "react";
import { db } from "./client";
import { guardedWrite, type WriteResult } from "./errors";
import type { TestbedInput } from "@/lib/schemas/testbed";

/** All testbeds with how many links and campaigns each has, newest first. */
export async function listTestbeds() {
  return db.testbed.findMany({
    orderBy: { createdAt: "desc" },
    select: {
      id: true,
      name: true,
      hypervisor: true,
      sourceHost: true,
      destinationHost: true,
      hostMemoryBytes: true,
      _count: { select: { links: true, campaigns: true } },
    },
  });
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

const NAME_TAKEN = (name: string) => `A testbed named "${name}" already exists; choose another name`;

/** Creates a testbed; a duplicate name is refused with a message for the name field. */
export async function createTestbed({ data }: { data: TestbedInput }): Promise<WriteResult<{ id: number }>> {
  return guardedWrite(() => db.testbed.create({ data, select: { id: true } }), { nameTaken: NAME_TAKEN(data.name) });
}

/** Updates a testbed. */
export async function updateTestbed({ id, data }: { id: number; data: TestbedInput }): Promise<WriteResult> {
  return guardedWrite(async () => void (await db.testbed.update({ where: { id }, data })), {
    nameTaken: NAME_TAKEN(data.name),
    notFound: "This testbed no longer exists",
  });
}

/**
 * Deletes a testbed and its links, unless campaigns refer to it: their runs are results that
 * must not disappear as a side effect.
 */
export async function deleteTestbed({ id }: { id: number }): Promise<WriteResult> {
  const campaigns = await db.campaign.count({ where: { testbedId: id } });
  if (campaigns > 0) {
    return {
      ok: false,
      message: `This testbed has ${campaigns} campaign${campaigns === 1 ? "" : "s"}; delete ${campaigns === 1 ? "it" : "them"} first so no results are lost.`,
    };
  }
  return guardedWrite(async () => void (await db.testbed.delete({ where: { id } })), {
    notFound: "This testbed no longer exists",
    reference: "Runs still refer to this testbed's links; it was not deleted.",
  });
}
