import "server-only";
import { db } from "./client";
import type { ImportRow } from "@/lib/schemas/import";
import type { RowError } from "@/lib/import/parse";
import type { WriteResult } from "./errors";

/**
 * Checks imported rows against what the testbed already has: a link or profile of the same name
 * must describe the same thing. Returns the conflicts as row errors.
 */
export async function checkImportConflicts({ testbedId, rows }: { testbedId: number; rows: ImportRow[] }): Promise<RowError[]> {
  const [links, profiles] = await Promise.all([
    db.link.findMany({ where: { testbedId }, select: { name: true, lineRateGbps: true, busLimitGbps: true } }),
    db.vmProfile.findMany({ where: { name: { in: [...new Set(rows.map((r) => r.profile))] } }, select: { name: true, memoryBytes: true, vmCount: true, workload: true } }),
  ]);
  const errors: RowError[] = [];
  rows.forEach((r, i) => {
    const messages: string[] = [];
    const link = links.find((l) => l.name === r.link);
    if (link && (link.lineRateGbps !== r.lineRateGbps || (link.busLimitGbps ?? undefined) !== r.busLimitGbps)) {
      messages.push(`link "${r.link}" exists on this testbed at ${link.lineRateGbps} Gb/s${link.busLimitGbps ? ` (bus ${link.busLimitGbps})` : ""}, not ${r.lineRateGbps} Gb/s${r.busLimitGbps ? ` (bus ${r.busLimitGbps})` : ""}`);
    }
    const profile = profiles.find((p) => p.name === r.profile);
    if (profile && (profile.memoryBytes !== r.memoryBytes || profile.vmCount !== r.vmCount || profile.workload !== r.workload)) {
      messages.push(`VM profile "${r.profile}" exists with ${profile.vmCount} × ${profile.memoryBytes} bytes, ${profile.workload}`);
    }
    if (messages.length) errors.push({ row: i + 1, messages });
  });
  return errors;
}

/**
 * Writes an import all-or-nothing: missing links and profiles, a campaign marked imported with its
 * source, and every run (adapter "imported").
 */
export async function importRuns({ testbedId, name, source, rows }: { testbedId: number; name: string; source: string; rows: ImportRow[] }): Promise<WriteResult<{ campaignId: number; runCount: number }>> {
  const testbed = await db.testbed.findUnique({ where: { id: testbedId }, select: { id: true } });
  if (!testbed) return { ok: false, message: "This testbed does not exist", field: "testbedId" };
  const campaignId = await db.$transaction(async (tx) => {
    const linkIds = new Map<string, number>();
    for (const r of rows) {
      if (linkIds.has(r.link)) continue;
      const link =
        (await tx.link.findUnique({ where: { testbedId_name: { testbedId, name: r.link } }, select: { id: true } })) ??
        (await tx.link.create({ data: { testbedId, name: r.link, lineRateGbps: r.lineRateGbps, busLimitGbps: r.busLimitGbps ?? null, notes: `Created by the import "${name}".` }, select: { id: true } }));
      linkIds.set(r.link, link.id);
    }
    const profileIds = new Map<string, number>();
    for (const r of rows) {
      if (profileIds.has(r.profile)) continue;
      const profile =
        (await tx.vmProfile.findUnique({ where: { name: r.profile }, select: { id: true } })) ??
        (await tx.vmProfile.create({
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
        }));
      profileIds.set(r.profile, profile.id);
    }
    const campaign = await tx.campaign.create({
      data: { name, testbedId, status: "imported", source, iterations: Math.max(...rows.map((r) => r.iteration)), finishedAt: new Date(), timeScale: 1 },
      select: { id: true },
    });
    await tx.run.createMany({
      data: rows.map((r) => ({
        campaignId: campaign.id,
        linkId: linkIds.get(r.link)!,
        profileId: profileIds.get(r.profile)!,
        iteration: r.iteration,
        status: r.status,
        adapter: "imported",
        errorReason: r.status === "failed" ? r.errorReason : null,
        durationMs: r.durationMs ?? null,
        downtimeMs: r.downtimeMs ?? null,
        transferredBytes: r.transferredBytes ?? null,
        throughputGbps: r.throughputGbps ?? null,
        precopyRounds: r.precopyRounds ?? null,
        dirtyRateBytesPerSec: r.observedDirtyRateBytesPerSec ?? null,
        finishedAt: new Date(),
        rawStatsJson: JSON.stringify({ importedFrom: source }),
      })),
    });
    return campaign.id;
  });
  return { ok: true, value: { campaignId, runCount: rows.length } };
}

/** Testbeds to import into. */
export async function listImportTargets() {
  return db.testbed.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } });
}
