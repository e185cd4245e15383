import "server-only";
import { db } from "./client";
import { guardedWrite, type WriteResult } from "./errors";
import type { VmProfileInput } from "@/lib/schemas/profile";

/** All VM profiles with how many runs used each, ordered by size then workload. */
export async function listProfiles() {
  return db.vmProfile.findMany({
    orderBy: [{ vmCount: "asc" }, { memoryBytes: "asc" }, { name: "asc" }],
    include: { _count: { select: { runs: true } } },
  });
}

/** One profile; null when it does not exist. */
export async function getProfile({ id }: { id: number }) {
  return db.vmProfile.findUnique({ where: { id }, include: { _count: { select: { runs: true } } } });
}

const NAME_TAKEN = (name: string) => `A VM profile named "${name}" already exists; choose another name`;

/** Creates a VM profile. */
export async function createProfile({ data }: { data: VmProfileInput }): Promise<WriteResult<{ id: number }>> {
  return guardedWrite(() => db.vmProfile.create({ data, select: { id: true } }), { nameTaken: NAME_TAKEN(data.name) });
}

/** Updates a VM profile. */
export async function updateProfile({ id, data }: { id: number; data: VmProfileInput }): Promise<WriteResult> {
  return guardedWrite(async () => void (await db.vmProfile.update({ where: { id }, data })), {
    nameTaken: NAME_TAKEN(data.name),
    notFound: "This VM profile no longer exists",
  });
}

/** Deletes a VM profile unless runs used it. */
export async function deleteProfile({ id }: { id: number }): Promise<WriteResult> {
  const runs = await db.run.count({ where: { profileId: id } });
  if (runs > 0) {
    return {
      ok: false,
      message: `${runs} run${runs === 1 ? " uses" : "s use"} this profile; delete ${runs === 1 ? "its campaign" : "their campaigns"} first so no results are lost.`,
    };
  }
  return guardedWrite(async () => void (await db.vmProfile.delete({ where: { id } })), {
    notFound: "This VM profile no longer exists",
    reference: "Runs now refer to this profile; it was not deleted.",
  });
}
