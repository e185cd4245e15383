import { Card } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
import { formatBytes, formatDurationMs, formatGbps, formatRateBytesPerSec } from "@/lib/format/units";
import type { roundsOfSamples } from "@/lib/stats/rounds";

/* A run's result tables: its pre-copy rounds (from the samples) and each VM's result. */

export type PerVmRow = {
  vm: number;
  durationMs: number | null;
  downtimeMs: number | null;
  guestPauseMs: number | null;
  transferredBytes: number | null;
};

/** The stored per-VM results as table rows (anything not shaped like them is left to the raw section). */
export function perVmRows(value: unknown): PerVmRow[] | null {
  if (!Array.isArray(value) || !value.length) return null;
  const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : null);
  return value.map((v, i) => {
    const o = (v ?? {}) as Record<string, unknown>;
    return {
      vm: num(o.vm) ?? i + 1,
      durationMs: num(o.durationMs),
      downtimeMs: num(o.downtimeMs),
      guestPauseMs: num(o.guestPauseMs),
      transferredBytes: num(o.transferredBytes),
    };
  });
}

/** The pre-copy rounds the samples show (nothing when there are none). */
export function RoundsCard({ rounds }: { rounds: ReturnType<typeof roundsOfSamples> }) {
  if (!rounds.length) return null;
  return (
    <Card
      title="Pre-copy rounds"
      description="From the progress samples: what each round had to send, what it sent, how fast, and how fast the guest dirtied memory meanwhile. Round 0 includes the setup; rounds too short for a sample are counted with the next (e.g. 6–7)."
      className="mb-6"
    >
      <DataTable
        label="Pre-copy rounds"
        density="card"
        rows={rounds}
        rowKey={(r) => r.round}
        columns={[
          {
            header: "Round",
            numeric: true,
            cell: (r) => (r.fromRound === r.round ? r.round : `${r.fromRound}–${r.round}`),
          },
          { header: "To send", numeric: true, cell: (r) => formatBytes(r.setBytes) },
          { header: "Sent", numeric: true, cell: (r) => formatBytes(r.sentBytes) },
          { header: "Duration", numeric: true, cell: (r) => formatDurationMs(r.durationMs) },
          { header: "Rate", numeric: true, cell: (r) => formatGbps(r.rateGbps) },
          { header: "Dirty rate", numeric: true, cell: (r) => formatRateBytesPerSec(r.dirtyRateBytesPerSec) },
        ]}
      />
    </Card>
  );
}

/** Each VM's result, when the profile migrated several (nothing otherwise). */
export function PerVmCard({ perVm }: { perVm: PerVmRow[] | null }) {
  if (!perVm) return null;
  return (
    <Card title="Per-VM results" description="Each VM of the profile, migrated together." className="mb-6">
      <DataTable
        label="Per-VM results"
        density="card"
        rowHeader
        rows={perVm}
        rowKey={(v) => v.vm}
        columns={[
          { header: "VM", cell: (v) => `VM ${v.vm}` },
          { header: "Migration time", numeric: true, cell: (v) => formatDurationMs(v.durationMs) },
          { header: "Downtime", numeric: true, cell: (v) => formatDurationMs(v.downtimeMs) },
          ...(perVm.some((v) => v.guestPauseMs !== null)
            ? [
                {
                  header: "Guest-observed pause",
                  numeric: true,
                  cell: (v: PerVmRow) => formatDurationMs(v.guestPauseMs),
                },
              ]
            : []),
          { header: "Data transferred", numeric: true, cell: (v) => formatBytes(v.transferredBytes) },
        ]}
      />
    </Card>
  );
}
