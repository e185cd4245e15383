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
import { validateModel, validationTable, type Cell } from "../test-support/model-validation";
import { localQemuPlannerLinks, measureOnQemu } from "../test-support/local-qemu";
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

if (process.argv[1]?.endsWith("validate-model.ts"))
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
