import "server-only";
import { db } from "./client";
import { containsIgnoringCase } from "./dialect";
import { READINESS_SELECT, readinessOf, type ReadinessRow } from "./selects";

/** What the search pickers look for: campaigns, testbeds, links and VM profiles, by name. */
export const SEARCH_KINDS = ["campaign", "testbed", "link", "profile"] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];
export type SearchItem = { id: number; name: string; detail: string };

/** A testbed in a picker: its hypervisor and whether campaigns can run on it (and if not, the first reason). */
function testbedDetail(row: ReadinessRow): string {
  const r = readinessOf(row);
  return `${row.hypervisor} · ${r.ready ? "ready" : `not ready: ${r.problems[0]}`}`;
}

/** Up to `take` campaigns, testbeds, links or VM profiles whose name contains `q` (newest or by name). */
export async function searchEntities({
  kind,
  q,
  take = 20,
}: {
  kind: SearchKind;
  q: string;
  take?: number;
}): Promise<SearchItem[]> {
  const name = q ? { name: containsIgnoringCase(q) } : {};
  if (kind === "campaign") {
    const rows = await db.campaign.findMany({
      where: name,
      orderBy: { id: "desc" },
      take,
      select: { id: true, name: true, createdAt: true, testbed: { select: { name: true } } },
    });
    return rows.map((r) => ({ id: r.id, name: r.name, detail: `#${r.id} · ${r.testbed.name}` }));
  }
  if (kind === "testbed") {
    const rows = await db.testbed.findMany({
      where: name,
      orderBy: { name: "asc" },
      take,
      select: READINESS_SELECT,
    });
    return rows.map((r) => ({ id: r.id, name: r.name, detail: testbedDetail(r) }));
  }
  if (kind === "link") {
    const rows = await db.link.findMany({
      where: name,
      orderBy: [{ testbedId: "asc" }, { lineRateGbps: "asc" }],
      take,
      select: { id: true, name: true, testbed: { select: { name: true } } },
    });
    return rows.map((r) => ({ id: r.id, name: r.name, detail: r.testbed.name }));
  }
  const rows = await db.vmProfile.findMany({
    where: name,
    orderBy: [{ vmCount: "asc" }, { memoryBytes: "asc" }, { name: "asc" }],
    take,
    select: { id: true, name: true, workload: true },
  });
  return rows.map((r) => ({ id: r.id, name: r.name, detail: r.workload }));
}

/** Names of chosen ids, so a picker can show what the URL selects. */
export async function namesOf({ kind, ids }: { kind: SearchKind; ids: number[] }): Promise<SearchItem[]> {
  if (!ids.length) return [];
  const found = await Promise.all(
    ids
      .slice(0, 20)
      .map(
        async (id) => (await searchEntitiesById(kind, id)) ?? { id, name: `${kind} #${id} (not found)`, detail: "" },
      ),
  );
  return found;
}

async function searchEntitiesById(kind: SearchKind, id: number): Promise<SearchItem | null> {
  if (kind === "campaign") {
    const r = await db.campaign.findUnique({
      where: { id },
      select: { id: true, name: true, testbed: { select: { name: true } } },
    });
    return r && { id: r.id, name: r.name, detail: `#${r.id} · ${r.testbed.name}` };
  }
  if (kind === "testbed") {
    const r = await db.testbed.findUnique({ where: { id }, select: READINESS_SELECT });
    return r && { id: r.id, name: r.name, detail: testbedDetail(r) };
  }
  if (kind === "link") {
    const r = await db.link.findUnique({
      where: { id },
      select: { id: true, name: true, testbed: { select: { name: true } } },
    });
    return r && { id: r.id, name: r.name, detail: r.testbed.name };
  }
  const r = await db.vmProfile.findUnique({ where: { id }, select: { id: true, name: true, workload: true } });
  return r && { id: r.id, name: r.name, detail: r.workload };
}
