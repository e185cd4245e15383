import "server-only";
import { db } from "./client";
import { deleteUnlessUsed, namedRecordWrites, type WriteResult } from "./errors";
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

/** Creates a VM profile; updates one. A taken name is refused on the name field. */
export const { create: createProfile, update: updateProfile } = namedRecordWrites<VmProfileInput>(
  db.vmProfile,
  "VM profile",
);

/** Deletes a VM profile unless runs used it. */
export async function deleteProfile({ id }: { id: number }): Promise<WriteResult> {
  return deleteUnlessUsed(
    await db.run.count({ where: { profileId: id } }),
    (runs) =>
      `${runs} run${runs === 1 ? " uses" : "s use"} this profile; delete ${runs === 1 ? "its campaign" : "their campaigns"} first so no results are lost.`,
    () => db.vmProfile.delete({ where: { id } }),
    { notFound: "This VM profile no longer exists", reference: "Runs now refer to this profile; it was not deleted." },
  );
}
