import "server-only";
import { getTestbed } from "@/lib/db/testbeds";
import { getProfile } from "@/lib/db/profiles";
import { listLinksWithMeasuredRuns } from "@/lib/db/links";
import { testbedDowntimeLimitMs } from "@/lib/hypervisors/downtime-limit";
import { bootstrapFit, type Bootstrap } from "@/lib/model/intervals";
import { DEFAULT_MODEL_PARAMS } from "@/lib/model/precopy";
import { DEFAULT_SETTINGS, type MigrationSettings } from "@/lib/model/migration-settings";
import { answerWhatIf, type WhatIfAnswer, type WhatIfQuestion } from "@/lib/planner/what-if";
import { whatIfQueryString, type WhatIfQuery } from "@/lib/schemas/what-if";

const GiB = 2 ** 30;

/** The question as asked, with every default filled in (what the page's form shows). */
export type WhatIfAsked = {
  testbed: { id: number; name: string; hypervisor: string };
  link: { id: number; name: string; lineRateGbps: number };
  links: { id: number; name: string; lineRateGbps: number }[];
  profile: { id: number; name: string } | null;
  gbps: number | null;
  memoryGiB: number;
  workload: string;
  dirtyMBps: number;
  vms: number;
  strategy: MigrationSettings["strategy"];
  multifd: number;
  downtimeMs: number;
  evacuate: number | null;
  concurrent: number;
};

export type WhatIfReply = { asked: WhatIfAsked; answer: WhatIfAnswer; launchUrl: string; url: string };

/**
 * Answers a what-if question about a testbed from its model, fitted to its measured runs (with a bootstrap for
 * intervals). Reads only: no run is written, no hypervisor contacted. Null when the testbed, the link or the
 * profile named does not exist (or the link is another testbed's).
 */
export async function askWhatIf(query: WhatIfQuery): Promise<WhatIfReply | { missing: string }> {
  const testbed = await getTestbed({ id: query.testbed });
  if (!testbed) return { missing: "This testbed does not exist (any more)." };
  if (!testbed.links.length) return { missing: `“${testbed.name}” has no link yet: add one on its page first.` };
  const link = query.link === undefined ? testbed.links[0] : testbed.links.find((l) => l.id === query.link);
  if (!link) return { missing: `Link #${query.link} is not a link of “${testbed.name}”.` };
  const profile = query.profile === undefined ? null : await getProfile({ id: query.profile });
  if (query.profile !== undefined && !profile) return { missing: `VM profile #${query.profile} does not exist.` };

  const limit =
    testbedDowntimeLimitMs(testbed.hypervisor, testbed.connectionJson) ?? DEFAULT_MODEL_PARAMS.downtimeLimitMs;
  const workload = query.workload ?? profile?.workload ?? "continuous";
  const asked: WhatIfAsked = {
    testbed: { id: testbed.id, name: testbed.name, hypervisor: testbed.hypervisor },
    link: { id: link.id, name: link.name, lineRateGbps: link.lineRateGbps },
    links: testbed.links.map((l) => ({ id: l.id, name: l.name, lineRateGbps: l.lineRateGbps })),
    profile: profile ? { id: profile.id, name: profile.name } : null,
    gbps: query.gbps ?? null,
    memoryGiB: query.memoryGiB ?? (profile ? Number(profile.memoryBytes) / GiB : 16),
    workload,
    dirtyMBps: query.dirtyMBps ?? (profile?.dirtyRateBytesPerSec ? profile.dirtyRateBytesPerSec / 1e6 : 500),
    vms: query.vms ?? profile?.vmCount ?? 1,
    strategy: query.strategy,
    multifd: query.multifd,
    downtimeMs: query.downtimeMs ?? limit,
    evacuate: query.evacuate ?? null,
    concurrent: query.concurrent,
  };
  const links = await listLinksWithMeasuredRuns({ testbedId: testbed.id });
  const boot = cachedBootstrap(testbed.id, links, testbed.linkScale, limit);
  const stored = links.find((l) => l.id === link.id)!;
  const settings: MigrationSettings = {
    ...DEFAULT_SETTINGS,
    strategy: asked.strategy,
    postcopyAfterRounds: asked.strategy === "postcopy-after-rounds" ? 5 : null,
    multifdChannels: asked.multifd,
    downtimeLimitMs: asked.downtimeMs,
  };
  const question: WhatIfQuestion = {
    link: stored,
    lineRateGbps: asked.gbps,
    linkScale: testbed.linkScale,
    profile: {
      memoryBytes: asked.memoryGiB * GiB,
      vmCount: asked.vms,
      workload,
      dirtyRateBytesPerSec: workload === "continuous" ? asked.dirtyMBps * 1e6 : null,
      workingSetBytes:
        profile?.workingSetBytes == null ? null : Math.min(Number(profile.workingSetBytes), asked.memoryGiB * GiB),
    },
    settings,
    downtimeLimitMs: asked.downtimeMs,
    evacuate: asked.evacuate ? { vms: asked.evacuate, concurrent: asked.concurrent } : null,
  };
  const seeded = stored.testbed?.modelDirtyingRateFactor != null || stored.testbed?.modelWireOverhead != null;
  const answer = answerWhatIf(
    question,
    boot,
    seeded
      ? "no fit of this testbed's runs yet: the parameters stored on it (for Local QEMU: measured on this machine's QEMU)"
      : "no fit yet: calibrated on the whitepaper's vMotion",
  );
  const query_ = whatIfQueryString({
    testbed: testbed.id,
    link: link.id,
    gbps: asked.gbps ?? undefined,
    profile: asked.profile?.id,
    memoryGiB: asked.memoryGiB,
    workload,
    dirtyMBps: asked.dirtyMBps,
    vms: asked.vms,
    strategy: asked.strategy,
    multifd: asked.multifd,
    downtimeMs: asked.downtimeMs,
    evacuate: asked.evacuate ?? undefined,
    concurrent: asked.evacuate ? asked.concurrent : undefined,
  });
  return { asked, answer, url: `/what-if?${query_}`, launchUrl: `/campaigns/new?whatif=${encodeURIComponent(query_)}` };
}

/**
 * The bootstrap of a testbed's fit, kept while its measured runs and stored parameters are the same (a page that
 * asks several questions of one testbed fits it once). At most a few testbeds are kept.
 */
const cache = new Map<string, Bootstrap | null>();
function cachedBootstrap(
  testbedId: number,
  links: Awaited<ReturnType<typeof listLinksWithMeasuredRuns>>,
  linkScale: number,
  limit: number,
): Bootstrap | null {
  const key = JSON.stringify([
    testbedId,
    linkScale,
    limit,
    links.map((l) => [
      l.id,
      l.modelEfficiency,
      l.modelSetupMs,
      l.lineRateGbps,
      l.busLimitGbps,
      l.runs.length,
      l.runs.reduce((max, r) => Math.max(max, r.id), 0),
    ]),
    links[0]?.testbed,
  ]);
  if (cache.has(key)) return cache.get(key)!;
  const boot = bootstrapFit(links, linkScale, limit, { resamples: 100 });
  if (cache.size >= 8) cache.delete(cache.keys().next().value!);
  cache.set(key, boot);
  return boot;
}
