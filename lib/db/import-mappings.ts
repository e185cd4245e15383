import "server-only";
import { db } from "./client";
import { isForeignKeyViolation, type WriteResult } from "./errors";
import { columnMappingSchema, type ColumnMapping, type SaveImportMapping } from "@/lib/schemas/import-mapping";

/**
 * The column mapping saved for a testbed and source (the citation, as importSourceKey makes it), with
 * the header it was made for; null when none is saved, or when what is stored no longer reads as a
 * mapping (a later version's shape): the page then guesses afresh.
 */
export async function getImportMapping({
  testbedId,
  source,
}: {
  testbedId: number;
  source: string;
}): Promise<{ mapping: ColumnMapping; header: string[]; updatedAt: Date } | null> {
  const row = await db.importMapping.findUnique({
    where: { testbedId_source: { testbedId, source } },
    select: { mappingJson: true, headerJson: true, updatedAt: true },
  });
  if (!row) return null;
  try {
    const mapping = columnMappingSchema.safeParse(JSON.parse(row.mappingJson));
    const header = JSON.parse(row.headerJson) as unknown;
    if (!mapping.success || !Array.isArray(header)) return null;
    return { mapping: mapping.data, header: header.map(String), updatedAt: row.updatedAt };
  } catch {
    return null;
  }
}

/** Keeps a mapping for a testbed and source, replacing the one saved before. */
export async function saveImportMapping({
  testbedId,
  source,
  header,
  mapping,
}: SaveImportMapping): Promise<WriteResult<{ id: number; created: boolean }>> {
  const data = { mappingJson: JSON.stringify(mapping), headerJson: JSON.stringify(header) };
  // Values map onto this testbed's links and onto existing VM profiles only.
  const linkIds = [...new Set(Object.values(mapping.links).flatMap((c) => (c?.kind === "existing" ? [c.linkId] : [])))];
  const profileIds = [
    ...new Set(Object.values(mapping.profiles).flatMap((c) => (c?.kind === "existing" ? [c.profileId] : []))),
  ];
  const [links, profiles] = await Promise.all([
    db.link.count({ where: { testbedId, id: { in: linkIds } } }),
    db.vmProfile.count({ where: { id: { in: profileIds } } }),
  ]);
  if (links !== linkIds.length)
    return (await db.testbed.count({ where: { id: testbedId } }))
      ? { ok: false, message: "The mapping names a link that is not on this testbed", field: "mapping" }
      : { ok: false, message: "This testbed does not exist", field: "testbedId" };
  if (profiles !== profileIds.length)
    return { ok: false, message: "The mapping names a VM profile that does not exist", field: "mapping" };
  try {
    const before = await db.importMapping.findUnique({
      where: { testbedId_source: { testbedId, source } },
      select: { id: true },
    });
    const row = await db.importMapping.upsert({
      where: { testbedId_source: { testbedId, source } },
      create: { testbedId, source, ...data },
      update: data,
      select: { id: true },
    });
    return { ok: true, value: { id: row.id, created: !before } };
  } catch (error) {
    if (isForeignKeyViolation(error)) return { ok: false, message: "This testbed does not exist", field: "testbedId" };
    throw error;
  }
}
