/**
 * migbench from a terminal or a CI pipeline, through the JSON API with an API token.
 *
 *   npm run cli -- launch --testbed <id|name> --link <id|name> [--link …] --profile <id|name> [--profile …]
 *                         [--iterations 3] [--time-scale 50] [--name "after deploy"] [--wait] [--fail-on-regression]
 *   npm run cli -- launch --from-campaign <id> [--name …] [--wait] [--fail-on-regression]   the same matrix again
 *   npm run cli -- launch --from-schedule <id> [--name …] [--wait] [--fail-on-regression]   a schedule's template, now
 *   npm run cli -- status <campaign id> [--fail-on-regression]
 *   npm run cli -- compare --baseline campaign:1 --candidate campaign:2 [--metric durationMs] [--group profile] [--pool]
 *     [--baseline-variant Pre-copy --candidate-variant auto-converge]
 *
 *   npm run cli -- help [command]   (or --help): what each command takes
 *
 * MIGBENCH_URL (http://localhost:3000) and MIGBENCH_TOKEN (an API token, mbt_…) say where and as whom;
 * --url and --token override them. Exit codes: 0 done; 1 a regression against the baselines (with
 * --fail-on-regression); 2 bad usage, or a request the server refused; 3 the campaign did not complete.
 */
import { parseArgs } from "node:util";
import { compactName, didYouMean, matchName } from "../lib/format/name-match";
import { HELP } from "./cli-help";

type Json = Record<string, unknown>;
type Counts = Record<string, number> & { total: number; queued: number; running: number };
type MetricVerdict = { metric: string; verdict: string; sentence: string; compareQuery: string };
type SeriesVerdict = { linkName: string; profileName: string; verdict: string | null; metrics: MetricVerdict[] };

class UsageError extends Error {}

const OPTIONS = {
  url: { type: "string" },
  token: { type: "string" },
  help: { type: "boolean", short: "h", default: false },
  testbed: { type: "string" },
  link: { type: "string", multiple: true },
  links: { type: "string" },
  profile: { type: "string", multiple: true },
  profiles: { type: "string" },
  iterations: { type: "string" },
  "time-scale": { type: "string" },
  name: { type: "string" },
  "from-campaign": { type: "string" },
  "from-schedule": { type: "string" },
  wait: { type: "boolean", default: false },
  pool: { type: "boolean", default: false },
  "fail-on-regression": { type: "boolean", default: false },
  baseline: { type: "string" },
  candidate: { type: "string" },
  "baseline-variant": { type: "string" },
  "candidate-variant": { type: "string" },
  metric: { type: "string" },
  group: { type: "string" },
  "poll-ms": { type: "string" },
} as const;

/** The command line, or usage and exit 2 when it cannot be read (an unknown option, a missing value). */
function readArgs() {
  try {
    return parseArgs({ allowPositionals: true, options: OPTIONS });
  } catch (error) {
    console.error(`migbench: ${(error as Error).message}\n\n${HELP[""]}`);
    process.exit(2);
  }
}

const { values: flags, positionals } = readArgs();

const base = (flags.url ?? process.env.MIGBENCH_URL ?? "http://localhost:3000").replace(/\/$/, "");
const token = flags.token ?? process.env.MIGBENCH_TOKEN;

/** A JSON API call; a refusal becomes an error carrying the server's message and field errors. */
async function api<T = Json>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`${base}${path}`, {
      method: init.method ?? "GET",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
  } catch (error) {
    throw new UsageError(`cannot reach ${base}: ${(error as Error).message}`);
  }
  const body = (await res.json().catch(() => ({}))) as Json;
  if (!res.ok) {
    const err = (body.error ?? {}) as { message?: string; fieldErrors?: Record<string, string[]> };
    const fields = Object.entries(err.fieldErrors ?? {}).map(([k, v]) => `\n  ${k}: ${v.join("; ")}`);
    throw new UsageError(`${init.method ?? "GET"} ${path}: HTTP ${res.status} ${err.message ?? ""}${fields.join("")}`);
  }
  return body as T;
}

const isId = (s: string) => /^\d+$/.test(s);

/**
 * What --link/--profile (repeatable) and --links/--profiles (comma-separated, unless the whole value is one
 * of the names) say, in order.
 */
function chosen(one: string[] | undefined, many: string | undefined, names: string[], what: string): string[] {
  const whole = many !== undefined && names.some((n) => compactName(n) === compactName(many));
  const items = [
    ...(one ?? []),
    ...(many === undefined ? [] : whole ? [many] : many.split(",").map((x) => x.trim())),
  ].filter(Boolean);
  if (!items.length) throw new UsageError(`--${what} is required (an id or name; repeat it for more)`);
  return items;
}

/** An id among `items`, or the one item named `name` (without case, spaces or punctuation). */
function pick<T extends { id: number; name: string }>(items: T[], name: string, what: string): T {
  if (isId(name)) {
    const byId = items.find((i) => i.id === Number(name));
    if (byId) return byId;
    throw new UsageError(`there is no ${what} #${name}`);
  }
  const found = matchName(items, name);
  if ("match" in found) return found.match;
  if ("ambiguous" in found)
    throw new UsageError(
      `"${name}" could be ${found.ambiguous.map((i) => `"${i.name}" (#${i.id})`).join(" or ")}: use its id`,
    );
  throw new UsageError(`no ${what} is named "${name}"${didYouMean(found.suggestions)}`);
}

async function launchBody(): Promise<Json> {
  const schedule = flags["from-schedule"];
  if (schedule) {
    if (!isId(schedule)) throw new UsageError("--from-schedule takes a schedule id");
    const { items } = await api<{ items: (Json & { id: number; testbed: { id: number } })[] }>("/api/schedules");
    const s = items.find((x) => x.id === Number(schedule));
    if (!s) throw new UsageError(`there is no schedule #${schedule}`);
    return {
      name: flags.name ?? `${s.name} (launched now)`,
      testbedId: s.testbed.id,
      linkIds: s.linkIds,
      profileIds: s.profileIds,
      iterations: flags.iterations ? Number(flags.iterations) : s.iterations,
      timeScale: flags["time-scale"] ? Number(flags["time-scale"]) : s.timeScale,
    };
  }
  const from = flags["from-campaign"];
  if (from) {
    if (!isId(from)) throw new UsageError("--from-campaign takes a campaign id");
    const detail = await api<{
      campaign: Json & { testbed: { id: number } };
      links: { id: number }[];
      profiles: { id: number }[];
    }>(`/api/campaigns/${from}?limit=1`);
    const c = detail.campaign;
    return {
      name: flags.name ?? `${c.name} (again ${new Date().toISOString().slice(0, 16).replace("T", " ")})`,
      testbedId: c.testbed.id,
      linkIds: detail.links.map((l) => l.id),
      profileIds: detail.profiles.map((p) => p.id),
      iterations: flags.iterations ? Number(flags.iterations) : c.iterations,
      timeScale: flags["time-scale"] ? Number(flags["time-scale"]) : c.timeScale,
    };
  }
  if (!flags.testbed) throw new UsageError("launch needs --testbed (or --from-campaign, --from-schedule)");
  const { testbeds } = await api<{ testbeds: { id: number; name: string }[] }>("/api/testbeds");
  const testbedId = pick(testbeds, flags.testbed, "testbed").id;
  const { testbed } = await api<{ testbed: { name: string; links: { id: number; name: string }[] } }>(
    `/api/testbeds/${testbedId}`,
  );
  const linkNames = testbed.links.map((l) => l.name);
  const linkIds = chosen(flags.link, flags.links, linkNames, "link").map(
    (l) => pick(testbed.links, l, `link of “${testbed.name}”`).id,
  );
  const { profiles } = await api<{ profiles: { id: number; name: string }[] }>("/api/profiles");
  const profileNames = profiles.map((p) => p.name);
  const profileIds = chosen(flags.profile, flags.profiles, profileNames, "profile").map(
    (p) => pick(profiles, p, "VM profile").id,
  );
  return {
    name: flags.name ?? `CLI ${new Date().toISOString().slice(0, 16).replace("T", " ")}`,
    testbedId,
    linkIds,
    profileIds,
    // Strings the server checks like any input (a number here, a field error there).
    iterations: flags.iterations === undefined ? 3 : Number(flags.iterations),
    ...(flags["time-scale"] === undefined ? {} : { timeScale: Number(flags["time-scale"]) }),
  };
}

/** "3/40 runs · 2 succeeded · 1 failed · …": finished runs and the counts by status. */
function countsText(counts: Counts): string {
  const done = counts.total - counts.queued - counts.running;
  const parts = ["succeeded", "failed", "cancelled", "interrupted", "running", "queued"]
    .filter((k) => counts[k] > 0)
    .map((k) => `${counts[k]} ${k}`);
  return [`${done}/${counts.total} runs`, ...parts].join(" · ");
}

/** A progress line: a bar of finished runs, the counts by status, the campaign's status. */
function progressLine(status: string, counts: Counts): string {
  const width = 30;
  const done = counts.total - counts.queued - counts.running;
  const filled = counts.total ? Math.round((done / counts.total) * width) : 0;
  return `[${"#".repeat(filled)}${".".repeat(width - filled)}] ${countsText(counts)} · ${status}`;
}

const FINISHED = new Set(["completed", "failed", "cancelled", "imported"]);

/** Polls the campaign until it has finished, drawing its progress (one line redrawn on a terminal). */
async function waitFor(campaignId: number): Promise<string> {
  const pollMs = Number(flags["poll-ms"] ?? 2000);
  let last = "";
  for (;;) {
    const live = await api<{ status: string; counts: Counts }>(`/api/campaigns/${campaignId}/live`);
    const line = progressLine(live.status, live.counts);
    if (process.stdout.isTTY) process.stdout.write(`\r${line}\u001b[K`);
    else if (line !== last) console.log(line);
    last = line;
    if (FINISHED.has(live.status)) {
      if (process.stdout.isTTY) process.stdout.write("\n");
      return live.status;
    }
    await new Promise((r) => setTimeout(r, pollMs));
  }
}

/** Prints a campaign's outcome and its verdicts; returns its status and verdict. */
async function report(campaignId: number) {
  const detail = await api<{ campaign: Json & { counts: Counts; verdict: string | null }; verdicts: SeriesVerdict[] }>(
    `/api/campaigns/${campaignId}?limit=1`,
  );
  const c = detail.campaign;
  console.log(`Campaign #${c.id} "${c.name}": ${c.status}, ${countsText(c.counts)}`);
  console.log(`${base}/campaigns/${c.id}`);
  if (!c.verdict) console.log("No verdict: none of its series had a baseline when it finished.");
  else {
    console.log(`Verdict against the baselines: ${c.verdict}`);
    for (const s of detail.verdicts) {
      console.log(`  ${s.profileName} · ${s.linkName}: ${s.verdict}`);
      for (const m of s.metrics.filter((x) => x.verdict !== "no-change")) {
        console.log(`    ${m.sentence}`);
        console.log(`    compare: ${base}/compare?${m.compareQuery}`);
      }
    }
  }
  return { status: String(c.status), verdict: c.verdict, verdicts: detail.verdicts };
}

/** Exit 1 with the verdict sentence when asked to fail on a regression and there is one. */
function regressionExit(verdict: string | null, verdicts: SeriesVerdict[]): number {
  if (!flags["fail-on-regression"] || verdict !== "regression") return 0;
  const first = verdicts.flatMap((s) => s.metrics.map((m) => ({ s, m }))).find(({ m }) => m.verdict === "regression");
  console.error(
    `Failing: ${first ? `${first.s.profileName} · ${first.s.linkName}: ${first.m.sentence}` : "a regression"}`,
  );
  return 1;
}

async function main(): Promise<number> {
  const [command, arg] = positionals;
  // Help needs no token: `--help`, `-h`, `help` and `help <command>`.
  if (flags.help || command === "help" || command === undefined) {
    const topic = command === "help" ? (arg ?? "") : (command ?? "");
    if (!(topic in HELP)) throw new UsageError(`there is no command "${topic}"\n\n${HELP[""]}`);
    console.log(HELP[topic]);
    return command === undefined && !flags.help ? 2 : 0;
  }
  if (!["launch", "status", "compare"].includes(command))
    throw new UsageError(`there is no command "${command}"\n\n${HELP[""]}`);
  if (!token) throw new UsageError("set MIGBENCH_TOKEN to an API token (npm run user -- token …), or pass --token");
  if (command === "launch") {
    const res = await api<{ campaign: { id: number; runCount: number } }>("/api/campaigns", {
      method: "POST",
      body: await launchBody(),
    });
    console.log(
      `Launched campaign #${res.campaign.id}: ${res.campaign.runCount} runs queued · ${base}/campaigns/${res.campaign.id}`,
    );
    if (!flags.wait) return 0;
    const status = await waitFor(res.campaign.id);
    const outcome = await report(res.campaign.id);
    if (status !== "completed") return 3;
    return regressionExit(outcome.verdict, outcome.verdicts);
  }
  if (command === "status") {
    if (!arg || !isId(arg)) throw new UsageError("status takes a campaign id");
    const outcome = await report(Number(arg));
    return regressionExit(outcome.verdict, outcome.verdicts);
  }
  if (command === "compare") {
    if (!flags.baseline || !flags.candidate)
      throw new UsageError("compare needs --baseline and --candidate (e.g. campaign:1)");
    const q = new URLSearchParams({ b: flags.baseline, c: flags.candidate });
    if (flags.metric) q.set("metric", flags.metric);
    if (flags.group) q.set("group", flags.group);
    if (flags.pool) q.set("pool", "1");
    if (flags["baseline-variant"]) q.set("bv", flags["baseline-variant"]);
    if (flags["candidate-variant"]) q.set("cv", flags["candidate-variant"]);
    const cmp = await api<{
      baseline: { name: string; runs: number };
      candidate: { name: string; runs: number };
      groups: { key: string; comparison: { verdict: string } | null }[];
      url: string;
    }>(`/api/compare?${q}`);
    console.log(
      `Baseline: ${cmp.baseline.name} (${cmp.baseline.runs} runs) · candidate: ${cmp.candidate.name} (${cmp.candidate.runs} runs)`,
    );
    for (const g of cmp.groups) console.log(`  ${g.key}: ${g.comparison?.verdict ?? "nothing to compare on one side"}`);
    console.log(`${base}${cmp.url}`);
    return 0;
  }
  throw new UsageError(`there is no command "${command}"\n\n${HELP[""]}`);
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`migbench: ${error instanceof UsageError ? error.message : (error as Error).stack}`);
    process.exit(2);
  },
);
