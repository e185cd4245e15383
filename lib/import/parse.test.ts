import { test } from "node:test";
import assert from "node:assert/strict";
import { IMPORT_LIMITS, readImport } from "./parse";
import { rowsToCsv, RUN_COLUMNS } from "@/lib/export/runs";

/** A byte stream delivering the text in pieces of `size` bytes (splitting lines and characters). */
function streamOf(text: string, size = 7): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  let at = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(at, at + size));
      at += size;
    },
  });
}

const HEADER = "link,lineRateGbps,profile,memoryBytes,workload,iteration,status,durationMs,transferredBytes";
const GOOD = "10GbE,10,1 × 16 GiB · once,17179869184,once,1,succeeded,16650,18181250000";

test("CSV read in small pieces: rows validated as they come, errors by row number", async () => {
  const csv = [
    HEADER,
    GOOD,
    GOOD.replace(",once,1,", ",hot,2,"),
    GOOD.replace("16650", "-5"),
    GOOD.replace("10GbE,10,", "10GbE,0x10,"),
  ].join("\r\n");
  const read = await readImport(streamOf(csv), "text/csv");
  assert.ok(read.ok);
  if (!read.ok) return;
  assert.equal(read.total, 4);
  assert.equal(read.rows.length, 1);
  assert.deepEqual(
    read.errors.map((e) => e.row),
    [2, 3, 4],
  );
  assert.match(read.errors[0].messages.join(), /workload must be idle, once or continuous/);
  assert.match(read.errors[1].messages.join(), /durationMs must be more than 0/);
  assert.match(read.errors[2].messages.join(), /lineRateGbps in Gb\/s must be a number/, "hex is not a number");
});

test("the export's formula escaping is undone on import, so names round-trip", async () => {
  const row = {
    ...Object.fromEntries(RUN_COLUMNS.map((c) => [c, null])),
    link: "=10GbE",
    lineRateGbps: 10,
    profile: "@p",
    memoryBytes: 2 ** 30,
    workload: "once",
    status: "succeeded",
    durationMs: 1000,
    downtimeMs: 74,
    guestPauseMs: 106.9,
    iteration: 1,
  };
  const csv = rowsToCsv([row], RUN_COLUMNS);
  assert.match(csv, /'=10GbE/, "exported escaped");
  const read = await readImport(streamOf(csv), "text/csv");
  assert.ok(read.ok && read.rows[0].link === "=10GbE" && read.rows[0].profile === "@p");
  assert.deepEqual([read.rows[0].downtimeMs, read.rows[0].guestPauseMs], [74, 106.9], "both pauses come back");
  const negative = await readImport(streamOf(rowsToCsv([{ ...row, guestPauseMs: -1 }], RUN_COLUMNS)), "text/csv");
  assert.ok(negative.ok && negative.rows.length === 0, "a negative pause is refused");
  assert.match(negative.errors[0].messages.join(), /guestPauseMs/);
});

test("JSON is strict: numbers must be numbers; null means not given", async () => {
  const good = {
    link: "10GbE",
    lineRateGbps: 10,
    busLimitGbps: null,
    profile: "p",
    memoryBytes: 2 ** 30,
    workload: "once",
    durationMs: 1000,
  };
  const read = await readImport(
    streamOf(
      JSON.stringify({
        runs: [
          good,
          { ...good, lineRateGbps: "10" },
          { ...good, vmCount: 5e7 },
          { ...good, iteration: 1e10 },
          { ...good, vcpuCount: true },
          "x",
        ],
      }),
    ),
    "application/json",
  );
  assert.ok(read.ok);
  if (!read.ok) return;
  assert.equal(read.rows.length, 1);
  assert.deepEqual(
    read.errors.map((e) => e.row),
    [2, 3, 4, 5, 6],
  );
  assert.match(read.errors[1].messages.join(), /vmCount must be a whole number from 1 to 128/);
  assert.match(read.errors[2].messages.join(), /iteration must be a whole number from 1 to 100/);
});

test("a body that differs from its Content-Length is refused whole, never read in part", async () => {
  const text = [HEADER, "a,1,p,1,once,1,succeeded,1,1"].join("\n");
  const bytes = new TextEncoder().encode(text).byteLength;
  const short = await readImport(streamOf(text), "text/csv", bytes + 10_000);
  assert.deepEqual(short, {
    ok: false,
    status: 413,
    error: `Received ${bytes} of the ${bytes + 10_000} bytes the upload declared: the file did not arrive whole (nothing was imported)`,
  });
  const long = await readImport(streamOf(text), "text/csv", bytes - 1);
  assert.equal(long.ok ? 0 : long.status, 413);
  let pulls = 0;
  const broken = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulls++ === 0) controller.enqueue(new TextEncoder().encode(`${HEADER}\n`));
      else controller.error(new Error("aborted"));
    },
  });
  assert.deepEqual(await readImport(broken, "text/csv", 100_000), {
    ok: false,
    status: 400,
    error: `The upload broke off after ${HEADER.length + 1} bytes: send the file again (nothing was imported)`,
  });
  const exact = await readImport(streamOf(text), "text/csv", bytes);
  assert.equal(exact.ok && exact.total, 1, "the declared size read whole");
});

test("limits: more than 20 MB or 100,000 runs is refused with a clear message; no header, no JSON", async () => {
  const tooBig = new ReadableStream<Uint8Array>({
    start(controller) {
      const chunk = new TextEncoder().encode(`${HEADER}\n`.padEnd(1024 * 1024, " "));
      for (let i = 0; i < 21; i++) controller.enqueue(chunk);
      controller.close();
    },
  });
  const big = await readImport(tooBig, "text/csv");
  assert.deepEqual(big, {
    ok: false,
    status: 413,
    error: "The file is larger than 20 MB; split it (nothing was imported)",
  });
  const many = await readImport(
    streamOf([HEADER, ...Array(IMPORT_LIMITS.rows + 1).fill("a,1,p,1,once,1,succeeded,1,1")].join("\n"), 65536),
    "text/csv",
  );
  assert.equal(many.ok ? 0 : many.status, 413);
  const noHeader = await readImport(streamOf("1,2,3\n4,5,6"), "text/csv");
  assert.match(noHeader.ok ? "" : noHeader.error, /needs a header row/);
  const badJson = await readImport(streamOf("[{oops"), "");
  assert.match(badJson.ok ? "" : badJson.error, /Not valid JSON/);
  assert.deepEqual(await readImport(streamOf(""), ""), { ok: false, status: 400, error: "The file is empty" });
  assert.deepEqual(await readImport(streamOf(HEADER), "text/csv"), {
    ok: false,
    status: 400,
    error: "The file has no runs",
  });
});

test("names with NUL, control characters or broken surrogates are refused", async () => {
  for (const bad of ["a\u0000b", "a\u0007", "x\ud800"]) {
    const read = await readImport(
      streamOf(
        JSON.stringify([
          { link: bad, lineRateGbps: 10, profile: "p", memoryBytes: 1, workload: "once", durationMs: 1 },
        ]),
      ),
      "application/json",
    );
    assert.ok(read.ok && read.errorRows === 1, JSON.stringify(bad));
  }
});

test("the downloadable template is a valid import of every kind of row, in the columns an import reads", async () => {
  const fs = await import("node:fs");
  const text = fs.readFileSync(new URL("../../public/import-template.csv", import.meta.url), "utf8");
  const read = await readImport(
    new ReadableStream({
      start(c) {
        c.enqueue(new TextEncoder().encode(text));
        c.close();
      },
    }),
    "text/csv",
  );
  assert.ok(read.ok);
  assert.deepEqual(read.errors, []);
  assert.equal(read.rows.length, 4);
  assert.deepEqual(read.rowNumbers, [1, 2, 3, 4]);
  assert.deepEqual(
    read.rows.map((r) => r.status),
    ["succeeded", "succeeded", "succeeded", "failed"],
  );
});
