/**
 * Scale benchmark (npm run bench:scale): builds a database of 1,000 campaigns, 100,000 runs and
 * 5,000,000 samples, starts the production server on it and on a small one (the seeded reference
 * data), and prints median and p95 response times per route, response sizes and server memory,
 * alternating the two servers so a noisy machine weighs on both alike. Needs `next build` first.
 * Goals (issue 11): median < 200 ms and p95 < 500 ms per route at scale, HTML < 500 KB, RSS < 500 MB.
 * SQLite files by default; BENCH_SCALE_DB=postgresql builds both databases in a throwaway PostgreSQL.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import Database from "better-sqlite3";
import pg from "pg";
import { applyMigrations } from "../lib/db/setup/migrate";
import { startPostgres } from "../lib/db/setup/throwaway-postgres";
import { addScaleData, addScaleDataPostgres, baseDatabase } from "./bench-scale-data";
import { addUser, createToken } from "../test-support/user-cli";

const ROOT = path.resolve(__dirname, "..");
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 12);

function log(message: string) {
  console.log(message);
}

const ON_POSTGRES = process.env.BENCH_SCALE_DB === "postgresql";

/** The rows of one read-only query on a SQLite file or a PostgreSQL database. */
async function queryRows<T>(url: string, sql: string): Promise<T[]> {
  if (url.startsWith("file:")) {
    const db = new Database(url.slice(5), { readonly: true });
    try {
      return db.prepare(sql).all() as T[];
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

/** The series (link × VM profile) with the most campaigns. */
async function busiestSeries(url: string): Promise<{ linkId: number; profileId: number }> {
  const [row] = await queryRows<{ l: number; p: number }>(
    url,
    `SELECT "linkId" AS l, "profileId" AS p FROM "Run" GROUP BY "linkId", "profileId" ORDER BY COUNT(DISTINCT "campaignId") DESC LIMIT 1`,
  );
  return { linkId: Number(row.l), profileId: Number(row.p) };
}

/** The two campaigns with the most runs (the 5,000-run ones). */
async function largestCampaigns(url: string): Promise<number[]> {
  const rows = await queryRows<{ id: number }>(
    url,
    `SELECT "campaignId" AS "id" FROM "Run" GROUP BY "campaignId" ORDER BY COUNT(*) DESC LIMIT 2`,
  );
  return rows.map((r) => Number(r.id));
}

/** The database's size on disk. */
async function databaseBytes(url: string): Promise<number> {
  if (url.startsWith("file:")) return fs.statSync(url.slice(5)).size;
  const [row] = await queryRows<{ n: string }>(url, "SELECT pg_database_size(current_database()) AS n");
  return Number(row.n);
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

type Server = { name: string; proc: ChildProcess; port: number; peakRssKb: number };

async function startServer(name: string, url: string, runner = false): Promise<Server> {
  const port = await freePort();
  // The server process itself (not npx), so its memory can be read from /proc.
  const proc = spawn(
    process.execPath,
    [path.join(ROOT, "node_modules/next/dist/bin/next"), "start", "-p", String(port)],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_URL: url,
        MIGBENCH_RUNNER: runner ? "on" : "off",
        MIGBENCH_PUBLIC_READ: "1",
        NEXT_TELEMETRY_DISABLED: "1",
        MIGBENCH_AUTH_SECRET_FILE: path.join(os.tmpdir(), "migbench-bench-secret"),
      },
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  await new Promise<void>((resolve, reject) => {
    proc.stdout!.on("data", (d: Buffer) => d.toString().includes("Ready") && resolve());
    proc.once("exit", (code) => reject(new Error(`${name} server exited with ${code}`)));
  });
  // Open one admin so the app is past its first-run setup.
  return { name, proc, port, peakRssKb: 0 };
}

/**
 * Requests an open live campaign page makes in 40 s after it has loaded (a 4-run simulated campaign
 * in real time, so it stays live throughout). Goal: at most 40.
 */
async function liveRequests(server: Server, url: string): Promise<string> {
  const { chromium } = await import("@playwright/test");
  const token = createToken(url, "bench@lab.test", `bench ${Date.now()}`);
  const api = (p: string, init?: RequestInit) =>
    fetch(`http://127.0.0.1:${server.port}${p}`, {
      ...init,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    });
  const { items } = (await (await api("/api/search?kind=testbed&q=replica")).json()) as { items: { id: number }[] };
  const { testbed } = await (await api(`/api/testbeds/${items[0].id}`)).json();
  const profile = (
    (await (await api("/api/search?kind=profile&q=1%20%C3%97%2016%20GB%20%C2%B7%20once")).json()) as {
      items: { id: number }[];
    }
  ).items[0];
  const launched = await api("/api/campaigns", {
    method: "POST",
    body: JSON.stringify({
      name: "live page",
      testbedId: items[0].id,
      linkIds: testbed.links.map((l: { id: number }) => l.id),
      profileIds: [profile.id],
      iterations: 2,
      timeScale: 1,
    }),
  });
  const { campaign } = await launched.json();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${server.port}/campaigns/${campaign.id}`, { waitUntil: "networkidle" });
    const paths = new Map<string, number>();
    page.on("request", (r) => {
      const p = new URL(r.url()).pathname.replace(/\/\d+/g, "/:id");
      paths.set(p, (paths.get(p) ?? 0) + 1);
    });
    await page.waitForTimeout(40_000);
    const total = [...paths.values()].reduce((a, b) => a + b, 0);
    return `live campaign page, requests in 40 s after load: ${total} (goal ≤ 40): ${[...paths].map(([p, n]) => `${p} ×${n}`).join(", ")}`;
  } finally {
    await browser.close();
  }
}

function rssKb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
}

async function timed(server: Server, url: string): Promise<{ ms: number; bytes: number; status: number }> {
  const start = performance.now();
  const res = await fetch(`http://127.0.0.1:${server.port}${url}`);
  const body = await res.arrayBuffer();
  const ms = performance.now() - start;
  server.peakRssKb = Math.max(server.peakRssKb, rssKb(server.proc.pid!));
  return { ms, bytes: body.byteLength, status: res.status };
}

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

async function main() {
  // BENCH_SCALE_DIR keeps the two SQLite databases between runs (built once, reused while optimising).
  const keep = ON_POSTGRES ? undefined : process.env.BENCH_SCALE_DIR;
  const dir = keep ?? fs.mkdtempSync(path.join(os.tmpdir(), "migbench-scale-"));
  fs.mkdirSync(dir, { recursive: true });
  const cluster = ON_POSTGRES ? startPostgres() : null;
  const small = cluster ? await cluster.createDatabase("small") : `file:${path.join(dir, "small.db")}`;
  const big = cluster ? await cluster.createDatabase("big") : `file:${path.join(dir, "big.db")}`;
  try {
    if (!keep || !fs.existsSync(big.slice(5))) {
      const built = performance.now();
      await baseDatabase(small);
      await baseDatabase(big);
      // An admin in both, so neither is waiting for its first-run setup.
      for (const url of [small, big]) addUser(url, "bench@lab.test", "admin", "a long bench password");
      const sizes = cluster ? await addScaleDataPostgres(big) : addScaleData(big.slice(5));
      log(
        `built ${sizes.runs.toLocaleString("en-US")} runs and ${sizes.samples.toLocaleString("en-US")} samples in ${((performance.now() - built) / 1000).toFixed(1)} s (${((await databaseBytes(big)) / 1e6).toFixed(0)} MB) on ${cluster ? "PostgreSQL" : "SQLite"}`,
      );
    } else {
      for (const url of [small, big]) await applyMigrations(url);
    }

    const large = (await largestCampaigns(big)).map((id) => ({ id }));
    const bigSeries = await busiestSeries(big);
    // The small server also runs campaigns: the live page is measured on it.
    const servers = [await startServer("small", small, true), await startServer("big", big)];
    const routes: { label: string; url: (s: Server) => string }[] = [
      { label: "/campaigns", url: () => "/campaigns" },
      { label: "GET /api/campaigns", url: () => "/api/campaigns" },
      { label: "/ (overview)", url: () => "/" },
      {
        label: "/campaigns/<5,000 runs>",
        url: (s) => (s.name === "big" ? `/campaigns/${large[0].id}` : "/campaigns/1"),
      },
      {
        label: "GET /api/campaigns/<5,000 runs>",
        url: (s) => (s.name === "big" ? `/api/campaigns/${large[0].id}` : "/api/campaigns/1"),
      },
      {
        label: "compare two 5,000-run campaigns",
        url: (s) =>
          s.name === "big"
            ? `/compare?b=campaign:${large[0].id}&c=campaign:${large[1].id}&metric=durationMs&group=profile`
            : "/compare?b=link:1&c=link:2&metric=durationMs&group=profile",
      },
      {
        label: "compare testbed:1 vs testbed:2",
        url: () => "/compare?b=testbed:1&c=testbed:2&metric=durationMs&group=workload",
      },
      { label: "/series (every series)", url: () => "/series" },
      {
        label: "/series/<link>/<profile> (its newest 50 campaigns)",
        url: (s) => (s.name === "big" ? `/series/${bigSeries.linkId}/${bigSeries.profileId}` : "/series/1/1"),
      },
      {
        label: "CSV export of 5,000 runs",
        url: (s) =>
          s.name === "big" ? `/api/campaigns/${large[0].id}/export?format=csv` : "/api/campaigns/1/export?format=csv",
      },
    ];
    // BENCH_ROUTES (a regular expression over the labels) measures only some routes, without the live page.
    const only = process.env.BENCH_ROUTES ? new RegExp(process.env.BENCH_ROUTES, "i") : null;
    const rows: string[] = [];
    for (const route of routes.filter((r) => !only || only.test(r.label))) {
      const results: Record<string, { ms: number[]; bytes: number; status: number }> = {
        small: { ms: [], bytes: 0, status: 0 },
        big: { ms: [], bytes: 0, status: 0 },
      };
      for (const s of servers) await timed(s, route.url(s)); // warm-up
      for (let i = 0; i < REQUESTS; i++) {
        for (const s of i % 2 ? [...servers].reverse() : servers) {
          const r = await timed(s, route.url(s));
          results[s.name].ms.push(r.ms);
          results[s.name].bytes = r.bytes;
          results[s.name].status = r.status;
        }
      }
      const cell = (name: string) => {
        const r = results[name];
        return `${quantile(r.ms, 0.5).toFixed(0)} / ${quantile(r.ms, 0.95).toFixed(0)} ms, ${(r.bytes / 1024).toFixed(0)} KB${r.status !== 200 ? ` (HTTP ${r.status})` : ""}`;
      };
      rows.push(`| ${route.label} | ${cell("small")} | ${cell("big")} |`);
    }
    log(`\nmedian / p95 over ${REQUESTS} requests per server, alternating; response size`);
    log("| route | small DB | 100k runs, 5M samples |");
    log("|---|---|---|");
    for (const r of rows) log(r);
    if (!only) log(`\n${await liveRequests(servers[0], small)}`);
    log(
      `\npeak server RSS: small ${(servers[0].peakRssKb / 1024).toFixed(0)} MB, big ${(servers[1].peakRssKb / 1024).toFixed(0)} MB`,
    );
    for (const s of servers) s.proc.kill("SIGTERM");
    await Promise.all(servers.map((s) => new Promise((resolve) => s.proc.once("exit", resolve))));
  } finally {
    cluster?.stop();
    if (!keep) fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
