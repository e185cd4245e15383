import Link from "next/link";
import { listTestbedWorkers } from "@/lib/db/workers";
import { formatAgo, formatDateTime } from "@/lib/format/units";
import { Card } from "@/components/ui/card";
import { CellWithDetail, DataTable } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";

/**
 * The workers that would pick up this testbed's runs now: live (a heartbeat in the last 15 s), pinned
 * to it or serving every testbed, with what each is migrating. Read only: nothing is contacted.
 */
export async function WorkersCard({ testbedId }: { testbedId: number }) {
  const workers = await listTestbedWorkers({ testbedId });
  const now = new Date();
  return (
    <Card
      title="Workers"
      description="Runner processes that claim this testbed's runs: the app's own, and npm run worker on hosts next to the hypervisors."
      className="mb-6"
    >
      {workers.length === 0 ? (
        <EmptyState title="No live worker serves this testbed">
          Its runs stay queued until one does. On a machine that reaches the hypervisors and the database, start{" "}
          <code>MIGBENCH_WORKER_TESTBEDS={testbedId} npm run worker</code> (see Scaling out in the README).
        </EmptyState>
      ) : (
        <DataTable
          label="Workers"
          density="card"
          rows={workers}
          columns={[
            { header: "Worker", cell: (w) => <CellWithDetail main={w.host} detail={`process ${w.pid}`} /> },
            { header: "Serves", cell: (w) => (w.pinned ? "pinned testbeds" : "every testbed") },
            {
              header: "Last seen",
              className: "whitespace-nowrap",
              cell: (w) => <span title={formatDateTime(w.lastSeenAt)}>{formatAgo(w.lastSeenAt, now)}</span>,
            },
            { header: "Started", className: "whitespace-nowrap", cell: (w) => formatDateTime(w.startedAt) },
            {
              header: "Migrating now",
              cell: (w) =>
                w.running.length === 0
                  ? "idle"
                  : w.running.map((r, i) => (
                      <span key={r.id}>
                        {i ? ", " : ""}
                        <Link href={`/runs/${r.id}`} prefetch={false} className="text-sky-700 hover:underline">
                          #{r.id}
                        </Link>
                      </span>
                    )),
            },
          ]}
        />
      )}
    </Card>
  );
}
