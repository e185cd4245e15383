/**
 * The model out of sample on real QEMU here (docs/model-out-of-sample.md):
 *
 *   npx tsx --conditions react-server scripts/validate-model.ts [iterations]
 *
 * Runs real migrations of a 256 MiB guest between two local QEMU processes over the seeded Local QEMU testbed's
 * scaled links (tc-shaped where the machine allows: run as root), fits the model on plain pre-copy at 0–40 MB/s
 * over the 10GbE link only, and prints how the seed and the fitted model predict the rest — 60 and 80 MB/s,
 * auto-converge and post-copy, and the untested 40GbE link — as a markdown table. About 4 minutes at 3 iterations.
 */
import { qemuAdapter } from "../lib/hypervisors/qemu";
import { migrationSpec } from "../test-support/migration-spec";
import { validateModel, validationTable, type Cell } from "../test-support/model-validation";
import { localQemuPlannerLinks } from "../test-support/local-qemu";
import type { Strategy } from "../lib/model/migration-settings";

const iterations = Number(process.argv[2] ?? 3);
const [ten, forty] = localQemuPlannerLinks();
const cell = (link: typeof ten, mbps: number, strategy: Strategy = "precopy"): Cell => ({
  link,
  dirtyBytesPerSec: mbps * 1e6,
  strategy,
});

async function main() {
  const started = Date.now();
  const { rows, fittedOn, leftOut } = await validateModel(
    {
      linkScale: 0.1,
      downtimeLimitMs: 300,
      memoryBytes: 256 * 2 ** 20,
      iterations,
      train: [cell(ten, 0), cell(ten, 20), cell(ten, 40)],
      test: [
        cell(ten, 60),
        cell(ten, 80),
        cell(ten, 80, "auto-converge"),
        cell(ten, 80, "postcopy"),
        cell(forty, 0),
        cell(forty, 40),
        cell(forty, 80),
      ],
    },
    measureOnQemu,
  );
  console.log(`Fitted on ${fittedOn} runs${leftOut.length ? `; left out: ${leftOut.join("; ")}` : ""}.`);
  console.log(validationTable(rows));
  console.log(`(${((Date.now() - started) / 1000).toFixed(0)} s)`);
}

let runId = 90_000;
export async function measureOnQemu(c: Cell, iteration: number) {
  const testbed = {
    id: 3,
    name: "Local QEMU (loopback)",
    hypervisor: "qemu",
    sourceHost: "localhost",
    destinationHost: "localhost",
    linkScale: 0.1,
    connection: { runTimeoutSec: 120, downtimeLimitMs: 300 },
  };
  const usable = Math.min(c.link.lineRateGbps, c.link.busLimitGbps ?? Infinity);
  const spec = migrationSpec(testbed, {
    runId: runId++,
    link: {
      id: c.link.id,
      name: c.link.name,
      lineRateGbps: c.link.lineRateGbps,
      busLimitGbps: c.link.busLimitGbps,
      usableRateGbps: usable,
    },
    profile: {
      workload: c.dirtyBytesPerSec > 0 ? "continuous" : "once",
      memoryBytes: 256 * 2 ** 20,
      dirtyRateBytesPerSec: c.dirtyBytesPerSec > 0 ? c.dirtyBytesPerSec : null,
    },
    settings: { strategy: c.strategy, downtimeLimitMs: 300 },
  });
  const result = await qemuAdapter.migrate(
    { ...spec, seed: iteration },
    { onSample: () => {}, signal: new AbortController().signal },
  );
  if (result.status !== "succeeded")
    throw new Error(
      `${c.link.name} ${c.dirtyBytesPerSec / 1e6} MB/s ${c.strategy}: ${result.status} ${"reason" in result ? result.reason : ""}`,
    );
  const method = (result.rawStats as { shaping?: { method?: string } } | undefined)?.shaping?.method ?? "";
  return {
    durationMs: result.durationMs!,
    transferredBytes: result.transferredBytes!,
    downtimeMs: result.downtimeMs!,
    shaping: method.startsWith("tc ") ? "tc" : "max-bandwidth",
  };
}

if (process.argv[1]?.endsWith("validate-model.ts"))
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
