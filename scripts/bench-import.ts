/**
 * Import benchmark: a 100,000-run CSV (as the export writes it) read and checked as a preview, then
 * written, through the same code as POST /api/imports. Figures, not pass/fail; goal: preview < 2 s.
 */
import { performance } from "node:perf_hooks";
import { RUN_COLUMNS, rowsToCsv } from "../lib/export/runs";

type Line = (label: string, value: string) => void;

function csvOf(rows: number): string {
  const data = Array.from({ length: rows }, (_, i) => ({
    runId: i + 1,
    campaign: "bench",
    testbed: "bench",
    hypervisor: "simulator",
    linkScale: 1,
    link: i % 2 ? "40GbE" : "10GbE",
    lineRateGbps: i % 2 ? 40 : 10,
    busLimitGbps: i % 2 ? 27 : null,
    profile: `bench import ${i % 12}`,
    memoryBytes: 17179869184,
    vmCount: 1,
    vcpuCount: 4,
    workload: ["idle", "once", "continuous"][i % 3],
    dirtyRateBytesPerSec: i % 3 === 2 ? 525e6 : null,
    workingSetBytes: null,
    iteration: (i % 100) + 1,
    status: "succeeded",
    adapter: "simulator",
    durationMs: 16650 + (i % 97),
    downtimeMs: 120,
    transferredBytes: 18181250000,
    throughputGbps: 8.78,
    precopyRounds: 3,
    observedDirtyRateBytesPerSec: null,
    errorReason: null,
    startedAt: null,
    finishedAt: null,
  }));
  return rowsToCsv(data, RUN_COLUMNS);
}

function streamOf(text: string): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  let at = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= bytes.length) return controller.close();
      controller.enqueue(bytes.subarray(at, at + 64 * 1024));
      at += 64 * 1024;
    },
  });
}

export async function benchImport(line: Line) {
  const { readImport } = await import("../lib/import/parse");
  const { checkImportConflicts, importRuns } = await import("../lib/db/imports");
  const { db } = await import("../lib/db/client");
  const testbed = await db.testbed.create({
    data: { name: `bench import ${Date.now()}`, hypervisor: "simulator", sourceHost: "a", destinationHost: "b" },
  });
  const csv = csvOf(100_000);
  // Three previews: the first includes the JIT warming up, as after a server start.
  const timings: { totalMs: number; readMs: number }[] = [];
  let last: Awaited<ReturnType<typeof readImport>> | null = null;
  let problems = 0;
  for (let i = 0; i < 3; i++) {
    const start = performance.now();
    const read = await readImport(streamOf(csv), "text/csv");
    if (!read.ok) throw new Error(read.error);
    const readMs = performance.now() - start;
    const conflicts = (await checkImportConflicts({ testbedId: testbed.id, rows: read.rows, canCreate: true })).errors;
    timings.push({ totalMs: performance.now() - start, readMs });
    problems = read.errorRows + conflicts.length;
    last = read;
  }
  const rows = last!.ok ? last!.rows : [];
  const [first, ...warm] = timings;
  const warmMedian = warm.map((t) => t.totalMs).sort((a, b) => a - b)[0];
  line(
    "import preview, 100,000-run CSV (read + check + conflicts)",
    `${(warmMedian / 1000).toFixed(2)} s warm, ${(first.totalMs / 1000).toFixed(2)} s first (${(csv.length / 1024 / 1024).toFixed(1)} MB, ${rows.length.toLocaleString("en-US")} valid, ${problems} problems; goal < 2 s)`,
  );
  const write = performance.now();
  const result = await importRuns({
    testbedId: testbed.id,
    name: "bench import",
    source: "bench",
    rows,
    canCreate: true,
  });
  if (!result.ok) throw new Error(result.message);
  line("import write, 100,000 runs (one transaction)", `${((performance.now() - write) / 1000).toFixed(2)} s`);
}
