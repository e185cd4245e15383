/**
 * The words the data model stores, listed once: run and campaign statuses, memory workloads, and
 * the modes of the boot-sector guest. Schemas, pages, adapters and the runner import them from here.
 */

/** A run's life: queued → running → succeeded | failed | cancelled; interrupted when its worker died. */
export const RUN_STATUSES = ["queued", "running", "succeeded", "failed", "cancelled", "interrupted"] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

/** Runs that ended without a result and can be run again (unless imported). */
export const RERUNNABLE_STATUSES: readonly RunStatus[] = ["failed", "cancelled", "interrupted"];

/** A campaign's status follows its runs; imported campaigns hold published results and never run. */
export const CAMPAIGN_STATUSES = [
  "draft",
  "queued",
  "running",
  "completed",
  "failed",
  "cancelled",
  "imported",
] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

/**
 * A finished campaign against the baselines of its series (lib/stats/regression.ts), in order of
 * precedence: a campaign with one regressed series is a regression, whatever its other series did.
 */
export const VERDICTS = ["regression", "improvement", "needs-more-runs", "no-change"] as const;
export type Verdict = (typeof VERDICTS)[number];

/** A campaign's verdict from its series' verdicts: the first of VERDICTS that occurs; null for none. */
export function overallVerdict(verdicts: Verdict[]): Verdict | null {
  return VERDICTS.find((v) => verdicts.includes(v)) ?? null;
}

/** What the guest does with its memory while it migrates. */
export const WORKLOADS = ["idle", "once", "continuous"] as const;
export type Workload = (typeof WORKLOADS)[number];

/** The adapter name of runs that were imported, not executed. */
export const IMPORTED_ADAPTER = "imported";

/** Modes of the boot-sector guest (the MODE define of lib/hypervisors/guest/bootsector.asm), per workload. */
export const GUEST_MODES = { idle: 0, once: 1, continuous: 3 } as const satisfies Record<Workload, number>;
export type GuestMode = (typeof GUEST_MODES)[Workload];

/** Whether a run may be run again: it ended without a result and was executed here, not imported. */
export function isRerunnable(run: { status: string; adapter: string }): boolean {
  return (RERUNNABLE_STATUSES as readonly string[]).includes(run.status) && run.adapter !== IMPORTED_ADAPTER;
}
