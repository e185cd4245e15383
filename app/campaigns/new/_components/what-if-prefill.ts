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
  const sweep =
    profile && q.workload !== "idle" && q.dirtyMBps !== undefined && q.dirtyMBps * 1e6 !== profile.dirtyRateBytesPerSec
      ? { variable: "dirtyRate", values: [q.dirtyMBps * 1e6] }
      : profile && q.memoryGiB !== undefined && q.memoryGiB * GiB !== Number(profile.memoryBytes)
        ? { variable: "memory", values: [q.memoryGiB * GiB] }
        : profile && q.vms !== undefined && q.vms !== profile.vmCount
          ? { variable: "vmCount", values: [q.vms] }
          : null;
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
          downtimeLimitMs: q.downtimeMs ?? null,
        },
      ]),
      sweep: sweep ? JSON.stringify(sweep) : "",
    },
  };
}
