import "server-only";
import { TESTBED_MODEL_SELECT } from "@/lib/db/selects";
import { getTestbed } from "@/lib/db/testbeds";
import { getProfile } from "@/lib/db/profiles";
import { listLinksWithMeasuredRuns, measuredRunsFingerprint } from "@/lib/db/links";
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
  const boot = await cachedBootstrap(testbed, limit);
  // The link as the model reads it, with its testbed's host parameters.
  const stored = { ...link, testbed: pick(testbed, HOST_KEYS) };
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
  // The question as asked (only the fields given): what a shared link and the launch form carry.
  const asIs = whatIfQueryString(query);
  return { asked, answer, url: `/what-if?${asIs}`, launchUrl: `/campaigns/new?whatif=${encodeURIComponent(asIs)}` };
}

/** A testbed's host parameters of the model: the columns lib/db/selects.ts reads of them. */
const HOST_KEYS = Object.keys(TESTBED_MODEL_SELECT) as (keyof typeof TESTBED_MODEL_SELECT)[];
const LINK_MODEL_KEYS = [
  "id",
  "lineRateGbps",
  "busLimitGbps",
  "modelEfficiency",
  "modelSetupMs",
  "modelDirtyingRateFactor",
  "modelStreamCeilingGbps",
  "modelWireOverhead",
  "modelSwitchoverMs",
] as const;

function pick<T extends object, K extends keyof T>(row: T, keys: readonly K[]): Pick<T, K> {
  return Object.fromEntries(keys.map((k) => [k, row[k]])) as Pick<T, K>;
}

type Testbed = NonNullable<Awaited<ReturnType<typeof getTestbed>>>;

/** How long a bootstrap is kept at most (a profile edited under its runs is seen by then), and how many. */
const CACHE_TTL_MS = 10 * 60_000;
const CACHE_SIZE = 8;
const cache = new Map<string, { at: number; boot: Bootstrap | null }>();

/**
 * The bootstrap of a testbed's fit, kept while its measured runs (count, newest, last finished) and its stored
 * parameters are the same, so a page that asks several questions of one testbed fits it once; the key is read
 * with one aggregate query, the runs only on a miss. Least recently used entries go first.
 */
async function cachedBootstrap(testbed: Testbed, limit: number): Promise<Bootstrap | null> {
  const key = JSON.stringify([
    testbed.id,
    testbed.linkScale,
    limit,
    pick(testbed, HOST_KEYS),
    testbed.links.map((l) => pick(l, LINK_MODEL_KEYS)),
    await measuredRunsFingerprint({ testbedId: testbed.id }),
  ]);
  const hit = cache.get(key);
  if (hit && Date.now() - hit.at < CACHE_TTL_MS) {
    cache.delete(key);
    cache.set(key, hit);
    return hit.boot;
  }
  const boot = bootstrapFit(await listLinksWithMeasuredRuns({ testbedId: testbed.id }), testbed.linkScale, limit, {
    resamples: 100,
  });
  cache.delete(key);
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
  cache.set(key, { at: Date.now(), boot });
  return boot;
}
