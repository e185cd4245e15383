import { getProfile } from "@/lib/db/profiles";
import { DEFAULT_SETTINGS, STRATEGY_LABELS } from "@/lib/model/migration-settings";
import { whatIfQuerySchema } from "@/lib/schemas/what-if";

const GiB = 2 ** 30;

/**
 * The launch form filled in from a what-if question (/what-if's "Launch as a campaign", ?whatif=<its query>): its
 * testbed, link, VM profile and strategy, 3 iterations, and what it changed of the profile (dirty rate, memory
 * or VM count) as a one-value sweep, so the campaign measures what the model predicted. Null when the question
 * does not parse (the form then starts from the defaults).
 */
export async function whatIfPrefill(
  text: string,
): Promise<{ testbedId: number; profileIds: number[]; prefill: Record<string, string>; notes: string[] } | null> {
  if (text.length > 2000) return null;
  const parsed = whatIfQuerySchema.safeParse(Object.fromEntries(new URLSearchParams(text)));
  if (!parsed.success) return null;
  const q = parsed.data;
  const profile = q.profile === undefined ? null : await getProfile({ id: q.profile });
  const notes: string[] = [];
  if (q.gbps !== undefined)
    notes.push(
      `The question was about ${q.gbps} Gb/s, which no link here runs at: the campaign measures the link the model was fitted on.`,
    );
  if (!profile) notes.push("Choose the VM profile to migrate: the question named none.");
  // What the question changed of the profile; one of them becomes a one-value sweep, the rest are named.
  const differs = (a: number, b: number) => Math.abs(a - b) > 1e-6 * Math.max(Math.abs(a), Math.abs(b), 1);
  const workload = q.workload ?? profile?.workload;
  const changes = profile
    ? [
        ...(q.workload !== undefined && q.workload !== profile.workload && q.workload !== "continuous"
          ? [{ variable: null, words: `the ${q.workload} workload` }]
          : []),
        ...(workload === "continuous" &&
        q.dirtyMBps !== undefined &&
        differs(q.dirtyMBps * 1e6, profile.dirtyRateBytesPerSec ?? 0)
          ? [{ variable: "dirtyRate", value: q.dirtyMBps * 1e6, words: `${q.dirtyMBps} MB/s of dirtying` }]
          : []),
        ...(q.memoryGiB !== undefined && differs(q.memoryGiB * GiB, Number(profile.memoryBytes))
          ? [{ variable: "memory", value: q.memoryGiB * GiB, words: `${q.memoryGiB} GiB per VM` }]
          : []),
        ...(q.vms !== undefined && q.vms !== profile.vmCount
          ? [{ variable: "vmCount", value: q.vms, words: `${q.vms} VMs together` }]
          : []),
      ]
    : [];
  const swept = changes.find((c) => c.variable !== null);
  const sweep = swept ? { variable: swept.variable, values: [swept.value] } : null;
  const dropped = changes.filter((c) => c !== swept);
  if (dropped.length)
    notes.push(
      `A campaign sweeps one variable: ${dropped.map((c) => c.words).join(", ")} ${dropped.length === 1 ? "is" : "are"} not in it — choose or create a VM profile with ${dropped.length === 1 ? "it" : "them"}.`,
    );
  return {
    testbedId: q.testbed,
    profileIds: profile ? [profile.id] : [],
    notes,
    prefill: {
      name: `What if: ${STRATEGY_LABELS[q.strategy]}${profile ? ` · ${profile.name}` : ""}`.slice(0, 200),
      testbedId: String(q.testbed),
      ...(q.link !== undefined ? { linkIds: String(q.link) } : {}),
      profileIds: profile ? String(profile.id) : "",
      iterations: "3",
      variants: JSON.stringify([
        {
          ...DEFAULT_SETTINGS,
          strategy: q.strategy,
          postcopyAfterRounds: q.strategy === "postcopy-after-rounds" ? 5 : null,
          multifdChannels: q.multifd,
          // Only a limit the question set: the testbed's default needs no setting (and some adapters cannot set one).
          downtimeLimitMs: q.downtimeMs ?? null,
        },
      ]),
      sweep: sweep ? JSON.stringify(sweep) : "",
    },
  };
}
