/**
 * A run's pre-copy rounds as its progress samples show them (simulator, QEMU and libvirt tag each sample
 * with its round): how much each round sent, how long it took, at what rate, and how fast the guest
 * dirtied memory meanwhile.
 */
export type RoundSample = {
  tMs: number;
  transferredBytes: number;
  remainingBytes: number;
  dirtyRateBytesPerSec: number | null;
  round: number | null;
};

export type RoundRow = {
  round: number;
  /**
   * The first round the row covers: below `round` when rounds passed without a sample (shorter than the
   * adapter's sampling interval, 100 ms on QEMU and libvirt), whose bytes and time the row then includes.
   */
  fromRound: number;
  startMs: number;
  durationMs: number;
  /** Bytes sent during the round (wire bytes as the adapter counts them). */
  sentBytes: number;
  rateGbps: number | null;
  /** Outstanding when the round began: the set it had to send. */
  setBytes: number;
  dirtyRateBytesPerSec: number | null;
};

/**
 * Rounds from samples in time order; samples without a round are skipped. A round ends where the next begins,
 * so rounds no sample saw are folded into the next one seen (`fromRound`).
 */
export function roundsOfSamples(samples: RoundSample[]): RoundRow[] {
  const tagged = samples.filter((s) => s.round !== null);
  const rows: RoundRow[] = [];
  let i = 0;
  while (i < tagged.length) {
    let j = i;
    while (j + 1 < tagged.length && tagged[j + 1].round === tagged[i].round) j++;
    const group = tagged.slice(i, j + 1);
    const start = i > 0 ? tagged[i - 1] : group[0];
    const end = group[group.length - 1];
    const durationMs = end.tMs - start.tMs;
    const sentBytes = Math.max(0, end.transferredBytes - start.transferredBytes);
    const dirty = group.map((s) => s.dirtyRateBytesPerSec).filter((d): d is number => d !== null);
    const round = group[0].round!;
    const previous = rows[rows.length - 1];
    rows.push({
      round,
      fromRound: previous && round > previous.round + 1 ? previous.round + 1 : round,
      startMs: start.tMs,
      durationMs,
      sentBytes,
      rateGbps: durationMs > 0 ? (sentBytes * 8) / 1e9 / (durationMs / 1000) : null,
      setBytes: Math.max(...group.map((s) => s.remainingBytes)),
      dirtyRateBytesPerSec: dirty.length ? dirty.reduce((a, b) => a + b, 0) / dirty.length : null,
    });
    i = j + 1;
  }
  return rows;
}
