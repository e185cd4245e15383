import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import readline from "node:readline";
import assert from "node:assert/strict";

const ROOT = path.resolve(__dirname, "..");

/** One execution of a run by a worker, from the worker's own log lines (started … ended). */
export type Execution = {
  worker: string;
  runId: number;
  attempt: number;
  /** The first 8 characters of the execution's lease token. */
  lease: string;
  startedAt: number;
  endedAt: number | null;
  /** The status it ended with, and why it was stopped, if it was. */
  ended: string | null;
};

export type TestWorker = {
  name: string;
  child: ChildProcess;
  lines: string[];
  executions: Execution[];
  /** Resolves with the first log line (past or future) that matches; rejects if the worker exits first. */
  line: (pattern: RegExp, what?: string) => Promise<string>;
  stop: () => Promise<void>;
};

const EXECUTION_LINE =
  /^(\S+) \[migbench runner\] run (\d+) attempt (\d+) \(lease ([0-9a-f]{8})\): (started|ended (\S+)(?: \((\S+)\))?)/;

/**
 * `npm run worker` as a child process on `databaseUrl`, its log read line by line: every execution it
 * starts and ends is recorded with the times it printed, for tests that check who ran what when.
 */
export function startTestWorker(
  name: string,
  databaseUrl: string,
  env: Record<string, string> = {},
  onLine?: (line: string) => void,
): TestWorker {
  const child = spawn(process.execPath, ["--conditions", "react-server", "--import", "tsx", "bin/worker.ts"], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: string[] = [];
  const executions: Execution[] = [];
  const waiters: { pattern: RegExp; resolve: (line: string) => void; reject: (error: Error) => void }[] = [];
  // A worker that exits before the line a test waits for fails that wait (with its last words), not hangs it.
  const gone = () =>
    new Error(
      `worker ${name} exited (${child.exitCode ?? child.signalCode}); its last lines:\n${lines.slice(-15).join("\n")}`,
    );
  child.once("close", () => {
    for (const w of waiters.splice(0)) w.reject(gone());
  });
  const read = (line: string) => {
    lines.push(line);
    onLine?.(`${name}: ${line}`);
    const m = EXECUTION_LINE.exec(line);
    if (m) {
      const [, at, runId, attempt, lease, what, status, reason] = m;
      if (what === "started")
        executions.push({
          worker: name,
          runId: Number(runId),
          attempt: Number(attempt),
          lease,
          startedAt: Date.parse(at),
          endedAt: null,
          ended: null,
        });
      else {
        const execution = executions.find((e) => e.lease === lease && e.endedAt === null);
        if (execution) {
          execution.endedAt = Date.parse(at);
          execution.ended = reason ? `${status} (${reason})` : status;
        }
      }
    }
    for (const w of [...waiters])
      if (w.pattern.test(line)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(line);
      }
  };
  readline.createInterface({ input: child.stdout! }).on("line", read);
  readline.createInterface({ input: child.stderr! }).on("line", read);
  return {
    name,
    child,
    lines,
    executions,
    line: (pattern) =>
      new Promise((resolve, reject) => {
        const seen = lines.find((l) => pattern.test(l));
        if (seen) resolve(seen);
        else if (child.exitCode !== null || child.signalCode !== null) reject(gone());
        else waiters.push({ pattern, resolve, reject });
      }),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGCONT");
      child.kill("SIGTERM");
      await exited;
    },
  };
}

/**
 * The most executions of one run, or of one testbed, running at the same moment, leaving out the
 * intervals given (a paused process does nothing while it is stopped).
 */
export function maxOverlap(executions: Execution[], { except = [] as [number, number][], now = Date.now() } = {}) {
  // Every start and end, and the moment each left-out interval ends (what runs on at a worker's waking).
  const points = [...executions.flatMap((e) => [e.startedAt, e.endedAt ?? now]), ...except.map(([, to]) => to)].sort(
    (a, b) => a - b,
  );
  let most = 0;
  for (const t of points) {
    if (except.some(([from, to]) => t >= from && t < to)) continue;
    // Just after t: started at or before it, not yet ended.
    const at = t + 0.5;
    most = Math.max(most, executions.filter((e) => e.startedAt <= at && (e.endedAt ?? now) > at).length);
  }
  return most;
}

type Db = typeof import("@/lib/db/client").db;

/**
 * What a fault test asserts once its campaign is done: every run succeeded; no run had two executions at
 * once and the testbed never more than `limit`, outside the `except` intervals (a paused process does
 * nothing while stopped); the stored result is the one execution that held the run when it ended; and
 * the samples are one execution's (time only moves forward).
 */
export async function assertFenced(
  db: Db,
  campaignId: number,
  executions: Execution[],
  except: [number, number][],
  limit = 2,
) {
  const runs = await db.run.findMany({
    where: { campaignId },
    orderBy: { id: "asc" },
    select: { id: true, status: true, leaseToken: true },
  });
  assert.deepEqual(
    runs.map((r) => r.status),
    runs.map(() => "succeeded"),
    "the campaign completed",
  );
  for (const run of runs) {
    const mine = executions.filter((e) => e.runId === run.id);
    assert.ok(mine.length >= 1, `run ${run.id} was executed`);
    assert.ok(maxOverlap(mine, { except }) <= 1, `run ${run.id}: one execution at a time`);
    // The stored result is the holding execution's — it ended succeeded, possibly given up while the
    // database stood still and stored when it answered (lease-expired) — and no other ended as stored.
    const holder = mine.filter((e) => e.lease === run.leaseToken!.slice(0, 8));
    assert.equal(holder.length, 1, `run ${run.id}: one execution holds it`);
    assert.match(holder[0].ended ?? "", /^succeeded( \(lease-expired\))?$/, `run ${run.id}: its holder succeeded`);
    assert.deepEqual(
      mine.filter((e) => e !== holder[0] && e.ended === "succeeded"),
      [],
      `run ${run.id}: no other execution ended as if stored`,
    );
    const samples = await db.sample.findMany({
      where: { runId: run.id },
      orderBy: { id: "asc" },
      select: { tMs: true },
    });
    assert.ok(samples.length > 0, `run ${run.id} has samples`);
    for (let i = 1; i < samples.length; i++)
      assert.ok(
        samples[i].tMs >= samples[i - 1].tMs,
        `run ${run.id}: samples of one execution only (${samples[i - 1].tMs} then ${samples[i].tMs} ms, sample ${i})`,
      );
  }
  assert.ok(maxOverlap(executions, { except }) <= limit, `the testbed never ran more than its limit of ${limit}`);
}
