import "server-only";
import { wireVerdict } from "@/lib/model/wire";
import { settingsColumns } from "@/lib/model/migration-settings";
import { db } from "./client";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ImportRow } from "@/lib/schemas/import";
import type { RowError } from "@/lib/import/parse";
import type { WriteResult } from "./errors";
import { formatMemory } from "@/lib/format/units";

/** What an import would add beside its runs: links not on the testbed, VM profiles that do not exist. */
export type ImportCreations = { links: string[]; profiles: string[] };

/** Why an import may not add a link or profile (only admins may, as by hand). */
export const creationRefusal = {
  link: (name: string) =>
    `link "${name}" is not on this testbed, and only an admin may add a link through an import: map it to one of the testbed's links`,
  profile: (name: string) =>
    `VM profile "${name}" does not exist, and only an admin may create one through an import: map it to an existing profile`,
};

/**
 * Checks imported rows against what the testbed already has: a link or profile of the same name
 * must describe the same thing, and one that does not exist may be created only when `canCreate`.
 * Returns the conflicts as row errors, and the names the import would create.
 */
export async function checkImportConflicts({
  testbedId,
  rows,
  rowNumbers,
  canCreate,
}: {
  testbedId: number;
  rows: ImportRow[];
  /** Each row's number in the file (by default its position from 1). */
  rowNumbers?: number[];
  /** Whether the importer may add links and VM profiles (an admin). */
  canCreate: boolean;
}): Promise<{ errors: RowError[]; creates: ImportCreations }> {
  const names = [...new Set(rows.map((r) => r.profile))];
  const links = await db.link.findMany({
    where: { testbedId },
    select: { name: true, lineRateGbps: true, busLimitGbps: true },
  });
  // Profile names in chunks: one IN of every name would exceed SQLite's parameter limit.
  const profiles = new Map<string, { memoryBytes: number; vmCount: number; workload: string }>();
  for (let i = 0; i < names.length; i += 500) {
    for (const p of await db.vmProfile.findMany({
      where: { name: { in: names.slice(i, i + 500) } },
      select: { name: true, memoryBytes: true, vmCount: true, workload: true },
    }))
      profiles.set(p.name, p);
  }
  const linksByName = new Map(links.map((l) => [l.name, l]));
  const errors: RowError[] = [];
  const creates = { links: new Set<string>(), profiles: new Set<string>() };
  rows.forEach((r, i) => {
    const messages: string[] = [];
    const link = linksByName.get(r.link);
    if (link && (link.lineRateGbps !== r.lineRateGbps || (link.busLimitGbps ?? undefined) !== r.busLimitGbps)) {
      messages.push(
        `link "${r.link}" exists on this testbed at ${link.lineRateGbps} Gb/s${link.busLimitGbps ? ` (bus ${link.busLimitGbps})` : ""}, not ${r.lineRateGbps} Gb/s${r.busLimitGbps ? ` (bus ${r.busLimitGbps})` : ""}`,
      );
    }
    if (!link) {
      creates.links.add(r.link);
      if (!canCreate) messages.push(creationRefusal.link(r.link));
    }
    const profile = profiles.get(r.profile);
    if (
      profile &&
      (profile.memoryBytes !== r.memoryBytes || profile.vmCount !== r.vmCount || profile.workload !== r.workload)
    ) {
      messages.push(
        `VM profile "${r.profile}" exists as ${profile.vmCount} × ${formatMemory(profile.memoryBytes)}, ${profile.workload}; the file says ${r.vmCount} × ${formatMemory(r.memoryBytes)}, ${r.workload}`,
      );
    }
    if (!profile) {
      creates.profiles.add(r.profile);
      if (!canCreate) messages.push(creationRefusal.profile(r.profile));
    }
    if (messages.length) errors.push({ row: rowNumbers?.[i] ?? i + 1, messages });
  });
  return { errors, creates: { links: [...creates.links], profiles: [...creates.profiles] } };
}

/** What makes two imported runs the same: link, profile, iteration, status and figures. */
const runKey = (r: {
  link: string;
  profile: string;
  iteration: number;
  status: string;
  durationMs?: number | null;
  transferredBytes?: number | null;
}) => [r.link, r.profile, r.iteration, r.status, r.durationMs ?? "", r.transferredBytes ?? ""].join("\u0000");

/**
 * An imported campaign of this testbed with the same source that holds exactly these runs — the same
 * file imported before — or null. Looks at the ten newest such campaigns of the same size.
 */
export async function findDuplicateImport({
  testbedId,
  source,
  rows,
}: {
  testbedId: number;
  source: string;
  rows: ImportRow[];
}): Promise<{ id: number; name: string; createdAt: Date } | null> {
  if (!rows.length) return null;
  const candidates = await db.campaign.findMany({
    where: { testbedId, status: "imported", source },
    orderBy: { id: "desc" },
    take: 10,
    select: { id: true, name: true, createdAt: true, _count: { select: { runs: true } } },
  });
  const wanted = rows.map(runKey).sort();
  for (const c of candidates.filter((c) => c._count.runs === rows.length)) {
    const runs = await db.run.findMany({
      where: { campaignId: c.id },
      select: {
        iteration: true,
        status: true,
        durationMs: true,
        transferredBytes: true,
        link: { select: { name: true } },
        profile: { select: { name: true } },
      },
    });
    const have = runs.map((r) => runKey({ ...r, link: r.link.name, profile: r.profile.name })).sort();
    if (have.every((k, i) => k === wanted[i])) return { id: c.id, name: c.name, createdAt: c.createdAt };
  }
  return null;
}

/** Thrown inside an import's transaction when it would add what its importer may not: nothing is kept. */
class CreationRefused extends Error {}

/**
 * Writes an import all-or-nothing: missing links and profiles (only when `canCreate`; otherwise the
 * whole import is refused), a campaign marked imported with its source, and every run (adapter "imported").
 */
export async function importRuns({
  testbedId,
  name,
  source,
  rows,
  canCreate,
}: {
  testbedId: number;
  name: string;
  source: string;
  rows: ImportRow[];
  /** Whether the importer may add links and VM profiles (an admin). */
  canCreate: boolean;
}): Promise<
  WriteResult<{
    campaignId: number;
    runCount: number;
    testbedName: string;
    /** Links and profiles the import added (the rest existed). */
    createdLinks: { id: number; name: string }[];
    createdProfiles: { id: number; name: string }[];
  }>
> {
  const testbed = await db.testbed.findUnique({ where: { id: testbedId }, select: { id: true, name: true } });
  if (!testbed) return { ok: false, message: "This testbed does not exist", field: "testbedId" };
  const createdLinks: { id: number; name: string }[] = [];
  const createdProfiles: { id: number; name: string }[] = [];
  // Checked again here, inside the write: a link deleted since the preview is not quietly re-created.
  const mayCreate = <T>(message: string, create: () => Promise<T>) => {
    if (!canCreate) throw new CreationRefused(message);
    return create();
  };
  let campaignId: number;
  try {
    campaignId = await db.$transaction(
      async (tx) => {
        createdLinks.length = 0;
        createdProfiles.length = 0;
        const linkIds = new Map<string, number>();
        for (const r of rows) {
          if (linkIds.has(r.link)) continue;
          const link =
            (await tx.link.findUnique({
              where: { testbedId_name: { testbedId, name: r.link } },
              select: { id: true },
            })) ??
            pushed(
              createdLinks,
              r.link,
              await mayCreate(creationRefusal.link(r.link), () =>
                tx.link.create({
                  data: {
                    testbedId,
                    name: r.link,
                    lineRateGbps: r.lineRateGbps,
                    busLimitGbps: r.busLimitGbps ?? null,
                    notes: `Created by the import "${name}".`,
                  },
                  select: { id: true },
                }),
              ),
            );
          linkIds.set(r.link, link.id);
        }
        const profileIds = new Map<string, number>();
        for (const r of rows) {
          if (profileIds.has(r.profile)) continue;
          const profile =
            (await tx.vmProfile.findUnique({ where: { name: r.profile }, select: { id: true } })) ??
            pushed(
              createdProfiles,
              r.profile,
              await mayCreate(creationRefusal.profile(r.profile), () =>
                tx.vmProfile.create({
                  data: {
                    name: r.profile,
                    memoryBytes: r.memoryBytes,
                    vmCount: r.vmCount,
                    vcpuCount: r.vcpuCount,
                    workload: r.workload,
                    dirtyRateBytesPerSec: r.dirtyRateBytesPerSec ?? null,
                    workingSetBytes: r.workingSetBytes ?? null,
                    notes: `Created by the import "${name}".`,
                  },
                  select: { id: true },
                }),
              ),
            );
          profileIds.set(r.profile, profile.id);
        }
        const campaign = await tx.campaign.create({
          data: {
            name,
            testbedId,
            status: "imported",
            source,
            iterations: rows.reduce((m, r) => Math.max(m, r.iteration), 1),
            finishedAt: new Date(),
            timeScale: 1,
          },
          select: { id: true },
        });
        // Multi-row INSERTs of 500 runs: Prisma's createMany stores ~2,000 rows/s here, plain INSERTs
        // ~30,000, which keeps a 100,000-run import within seconds (and each statement within SQLite's
        // parameter limit).
        const now = new Date();
        const importedFrom = JSON.stringify({ importedFrom: source });
        for (let i = 0; i < rows.length; i += 500) {
          const values = rows.slice(i, i + 500).map((r) => {
            const c = settingsColumns(r.settings);
            return Prisma.sql`(${campaign.id}, ${linkIds.get(r.link)!}, ${profileIds.get(r.profile)!}, ${r.iteration}, ${r.status}, ${"imported"}, ${r.status === "failed" ? r.errorReason : null}, ${r.durationMs ?? null}, ${r.downtimeMs ?? null}, ${r.guestPauseMs ?? null}, ${r.wireBytes ?? null}, ${wireVerdict(r.wireBytes, r.transferredBytes)}, ${r.transferredBytes ?? null}, ${r.throughputGbps ?? null}, ${r.precopyRounds ?? null}, ${r.observedDirtyRateBytesPerSec ?? null}, ${now}, ${now}, ${importedFrom}, ${c.settingsKey}, ${c.settingsJson}, ${c.strategy}, ${c.multifdChannels}, ${c.xbzrleCacheBytes}, ${c.downtimeLimitMs}, ${c.bandwidthScale}, ${r.sweepVariable ?? null}, ${r.sweepValue ?? null})`;
          });
          await tx.$executeRaw`INSERT INTO "Run" ("campaignId", "linkId", "profileId", "iteration", "status", "adapter", "errorReason", "durationMs", "downtimeMs", "guestPauseMs", "wireBytes", "wireVerdict", "transferredBytes", "throughputGbps", "precopyRounds", "dirtyRateBytesPerSec", "finishedAt", "createdAt", "rawStatsJson", "settingsKey", "settingsJson", "strategy", "multifdChannels", "xbzrleCacheBytes", "downtimeLimitMs", "bandwidthScale", "sweepVariable", "sweepValue") VALUES ${Prisma.join(values)}`;
        }
        return campaign.id;
      },
      { timeout: 300_000 },
    );
  } catch (error) {
    if (error instanceof CreationRefused)
      return { ok: false, message: `Nothing was imported: ${error.message}`, field: "file" };
    throw error;
  }
  return {
    ok: true,
    value: { campaignId, runCount: rows.length, testbedName: testbed.name, createdLinks, createdProfiles },
  };
}

/** Notes a row the import created, and hands it on. */
function pushed<T extends { id: number }>(list: { id: number; name: string }[], name: string, row: T): T {
  list.push({ id: row.id, name });
  return row;
}
