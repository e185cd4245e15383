import "server-only";
import { db } from "./client";
import { PROFILE_MODEL_SELECT } from "./selects";
import type { CatalogLink, CatalogProfile } from "@/lib/import/mapping";

/** At most this many VM profiles are offered in an import's pickers (the smallest first). */
export const CATALOG_PROFILES = 1000;

/**
 * What an import's values can be mapped onto: the testbed (null when it does not exist), its links, and
 * the VM profiles (profiles are not per testbed).
 */
export async function getImportCatalog({ testbedId }: { testbedId: number | null }): Promise<{
  testbed: { id: number; name: string; hypervisor: string } | null;
  links: CatalogLink[];
  profiles: CatalogProfile[];
}> {
  const [testbed, profiles] = await Promise.all([
    testbedId === null
      ? null
      : db.testbed.findUnique({
          where: { id: testbedId },
          select: {
            id: true,
            name: true,
            hypervisor: true,
            links: {
              orderBy: [{ lineRateGbps: "asc" }, { name: "asc" }],
              select: { id: true, name: true, lineRateGbps: true, busLimitGbps: true },
            },
          },
        }),
    db.vmProfile.findMany({
      orderBy: [{ vmCount: "asc" }, { memoryBytes: "asc" }, { name: "asc" }],
      take: CATALOG_PROFILES,
      select: PROFILE_MODEL_SELECT,
    }),
  ]);
  if (!testbed) return { testbed: null, links: [], profiles };
  const { links, ...rest } = testbed;
  return { testbed: rest, links, profiles };
}
