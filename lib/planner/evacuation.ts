import type { MigrationPrediction } from "@/lib/model/precopy";

/**
 * Draining a host for maintenance: N VMs leave over one link, k at a time. The k VMs of a wave migrate together
 * and share the link (the model's VM count); the next wave starts when the last one is done. Pure.
 */
export type Evacuation = {
  vms: number;
  concurrent: number;
  converges: boolean;
  /** Why a wave does not converge (the evacuation cannot finish with pre-copy as asked). */
  reason: string | null;
  totalMs: number;
  /** Each VM's migration: when it starts and ends (ms from the first start) and its pause. */
  timeline: { vm: number; wave: number; startMs: number; endMs: number; downtimeMs: number }[];
};

export function planEvacuation(
  { vms, concurrent }: { vms: number; concurrent: number },
  predict: (together: number) => MigrationPrediction,
): Evacuation {
  const k = Math.max(1, Math.min(concurrent, vms));
  const bySize = new Map<number, MigrationPrediction>();
  const waveOf = (size: number) => {
    if (!bySize.has(size)) bySize.set(size, predict(size));
    return bySize.get(size)!;
  };
  const timeline: Evacuation["timeline"] = [];
  let startMs = 0;
  let reason: string | null = null;
  for (let wave = 1, left = vms; left > 0; wave++) {
    const size = Math.min(k, left);
    const p = waveOf(size);
    if (!p.converges) {
      reason = `${size} VM${size === 1 ? "" : "s"} at a time: ${p.reason}`;
      break;
    }
    for (let i = 0; i < size; i++)
      timeline.push({
        vm: timeline.length + 1,
        wave,
        startMs,
        endMs: startMs + p.durationMs,
        downtimeMs: p.downtimeMs,
      });
    startMs += p.durationMs;
    left -= size;
  }
  return { vms, concurrent: k, converges: reason === null, reason, totalMs: startMs, timeline };
}
