import "server-only";
import { cache } from "react";
import { db } from "./client";
import { isForeignKeyViolation, isNotFound, isUniqueViolation, type WriteResult } from "./errors";
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
  try {
    const row = await db.testbed.create({ data, select: { id: true } });
    return { ok: true, value: row };
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, message: NAME_TAKEN(data.name), field: "name" };
    throw error;
  }
}

/** Updates a testbed. */
export async function updateTestbed({ id, data }: { id: number; data: TestbedInput }): Promise<WriteResult> {
  try {
    await db.testbed.update({ where: { id }, data });
    return { ok: true, value: undefined };
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, message: NAME_TAKEN(data.name), field: "name" };
    if (isNotFound(error)) return { ok: false, message: "This testbed no longer exists" };
    throw error;
  }
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
  try {
    await db.testbed.delete({ where: { id } });
    return { ok: true, value: undefined };
  } catch (error) {
    if (isNotFound(error)) return { ok: false, message: "This testbed no longer exists" };
    if (isForeignKeyViolation(error))
      return { ok: false, message: "Runs still refer to this testbed's links; it was not deleted." };
    throw error;
  }
}
