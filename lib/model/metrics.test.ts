import { test } from "node:test";
import assert from "node:assert/strict";
import { meanKey, METRIC_KEYS, METRIC_REGISTRY } from "./metrics";
import { METRICS } from "@/lib/schemas/compare";
import { SWEEP_METRICS, MODELLED_SWEEP_METRICS } from "@/lib/stats/sweep";
import { RUN_COLUMNS } from "@/lib/export/runs";
import { MAPPABLE_FIELDS } from "@/lib/import/mapping";
import { buildResultMatrix } from "@/lib/stats/matrix";

// A registry entry is all a metric needs to appear everywhere metrics are listed.
test("every metric of the registry is offered by compare, charted in the matrix, exported, importable and swept as its entry says", () => {
  assert.deepEqual(Object.keys(METRICS), METRIC_KEYS, "/compare's metrics");
  for (const k of METRIC_KEYS) {
    const entry = METRIC_REGISTRY[k];
    assert.equal(METRICS[k].label, entry.label);
    assert.ok((RUN_COLUMNS as readonly string[]).includes(k), `${k} is an export column`);
    const mappable = MAPPABLE_FIELDS.find((f) => f.field === k);
    assert.deepEqual(mappable && [mappable.kind, mappable.required], [entry.import.kind, entry.import.required]);
    assert.equal(k in SWEEP_METRICS, entry.sweep !== null, `${k} swept`);
    assert.equal((MODELLED_SWEEP_METRICS as string[]).includes(k), entry.sweep?.modelled === true, `${k} modelled`);
  }
  // The matrix (the campaign page's charts and the API's results) has a mean per metric.
  const run = {
    status: "succeeded",
    ...Object.fromEntries(METRIC_KEYS.map((k, i) => [k, i + 1])),
    link: { id: 1, name: "10GbE", lineRateGbps: 10, busLimitGbps: null },
    profile: { id: 1, name: "p", vmCount: 1, memoryBytes: 2 ** 30, workload: "idle" },
  };
  const matrix = buildResultMatrix([run, { ...run }]);
  const cell = matrix.rows[0].cells[1];
  for (const [i, k] of METRIC_KEYS.entries()) assert.equal(cell[meanKey(k)], i + 1, `${meanKey(k)} in the matrix`);
});
