import Link from "next/link";
import { testbedHasLiveWorker } from "@/lib/db/workers";

/**
 * Said where runs wait: when no live worker serves their testbed, they will not start by themselves.
 * Renders nothing while one does.
 */
export async function NoWorkerNotice({ testbed, what }: { testbed: { id: number; name: string }; what: string }) {
  if (await testbedHasLiveWorker(testbed.id)) return null;
  return (
    <p role="status" className="mb-6 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
      <span className="font-medium">Waiting for a worker:</span> no live worker serves testbed{" "}
      <Link href={`/testbeds/${testbed.id}`} className="underline">
        {testbed.name}
      </Link>
      , so {what} will not start. Start one with <code>MIGBENCH_WORKER_TESTBEDS={testbed.id} npm run worker</code> on a
      machine that reaches its hypervisors, or run the app without <code>MIGBENCH_RUNNER=off</code>.
    </p>
  );
}
