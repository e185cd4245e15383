import { Stat } from "@/components/ui/stat";
import { formatBytes } from "@/lib/format/units";
import { offLinkText } from "@/lib/model/wire";

/** What a run's raw statistics say of its link's counters (lib/hypervisors/common/wire-counters.ts). */
function wireWhy(rawStats: unknown): string | null {
  const wire = (rawStats as { wire?: { why?: unknown } } | null)?.wire;
  return typeof wire?.why === "string" ? wire.why : null;
}

/**
 * The bytes the run's link really carried, beside what the hypervisor reported: "on the wire: 18.3 GB
 * (hypervisor reported 18.2 GB)"; flagged when the link carried too little to have been the path, and why
 * not measured where the counters could not be read.
 */
export function WireStat({
  run,
  linkName,
}: {
  run: {
    status: string;
    wireBytes: number | null;
    wireVerdict: string | null;
    transferredBytes: number | null;
    rawStats: unknown;
  };
  linkName: string;
}) {
  if (run.status !== "succeeded") return null;
  if (run.wireBytes === null) {
    const why = wireWhy(run.rawStats);
    return (
      <Stat
        label="On the wire"
        value="not measured"
        hint={why ? `the link's counters were not read: ${why}` : "this adapter does not read the link's counters"}
      />
    );
  }
  return (
    <Stat
      label="On the wire"
      value={formatBytes(run.wireBytes)}
      hint={
        <>
          hypervisor reported {formatBytes(run.transferredBytes)}
          {run.wireVerdict === "off-link" ? (
            <span role="note" className="block font-medium text-red-800">
              {offLinkText(linkName)}
            </span>
          ) : null}
        </>
      }
    />
  );
}
