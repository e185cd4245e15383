/**
 * The scale benchmark's data (scripts/bench-scale.ts): a database migrated and seeded with the
 * reference data, then 1,000 campaigns, 100,000 runs and 5,000,000 samples written in bulk.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { applyMigrations } from "../lib/db/setup/migrate";

const ROOT = path.resolve(__dirname, "..");

/** Migrates and seeds a database (reference data only); a SQLite file is made afresh. */
export async function baseDatabase(url: string) {
  if (url.startsWith("file:"))
    for (const suffix of ["", "-journal", "-wal", "-shm"]) fs.rmSync(url.slice(5) + suffix, { force: true });
  await applyMigrations(url);
  execFileSync("npx", ["tsx", "--conditions", "react-server", "prisma/seed.ts"], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: url },
    stdio: "ignore",
  });
}

/** The scale data's shape: 998 campaigns of 90 runs and two of 5,000, 50 samples per run. */
function* scaleCampaigns(testbeds: { id: number; links: number[] }[], profiles: number[]) {
  const start = Date.parse("2026-01-01T00:00:00Z");
  for (let c = 0; c < 1000; c++) {
    const tb = testbeds[c % testbeds.length];
    const size = c >= 998 ? 5000 : 90;
    const at = new Date(start + c * 3_600_000).toISOString();
    const runs = Array.from({ length: size }, (_, i) => {
      const linkId = tb.links[i % tb.links.length];
      const fast = tb.links.indexOf(linkId) === 1;
      const durationMs = (fast ? 7400 : 16700) * (0.95 + ((i * 7919) % 100) / 1000);
      const bytes = 18.18e9;
      return {
        ...{ linkId, profileId: profiles[Math.floor(i / tb.links.length) % 3] },
        ...{ iteration: Math.floor(i / (tb.links.length * 3)) + 1, seed: i, durationMs, bytes },
        throughputGbps: (bytes * 8) / (durationMs / 1000) / 1e9,
      };
    });
    const campaign = {
      ...{ name: `scale campaign ${c + 1}`, testbedId: tb.id, at },
      iterations: Math.ceil(size / (tb.links.length * 3)),
    };
    yield { campaign, runs };
  }
}

/**
 * The scale data in PostgreSQL: campaigns and runs in multi-row INSERTs, then every run's samples in one
 * INSERT … SELECT over generate_series (the same curve as on SQLite).
 */
export async function addScaleDataPostgres(url: string, samplesPerRun = 50) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const testbedRows = (
      await client.query(
        `SELECT t."id", array_agg(l."id" ORDER BY l."id") AS "links" FROM "Testbed" t JOIN "Link" l ON l."testbedId" = t."id"
         WHERE t."hypervisor" IN ('simulator', 'vsphere') GROUP BY t."id" ORDER BY t."id"`,
      )
    ).rows as { id: number; links: number[] }[];
    const profiles = (await client.query(`SELECT "id" FROM "VmProfile" ORDER BY "id" LIMIT 12`)).rows.map(
      (r) => r.id as number,
    );
    let runs = 0;
    await client.query("BEGIN");
    for (const { campaign, runs: rows } of scaleCampaigns(testbedRows, profiles)) {
      const { rows: created } = await client.query(
        `INSERT INTO "Campaign" ("name", "testbedId", "status", "iterations", "timeScale", "createdAt", "finishedAt")
         VALUES ($1, $2, 'completed', $3, 0, $4, $4) RETURNING "id"`,
        [campaign.name, campaign.testbedId, campaign.iterations, campaign.at],
      );
      for (let from = 0; from < rows.length; from += 2000) {
        const batch = rows.slice(from, from + 2000);
        const params: unknown[] = [];
        const values = batch.map((r) => {
          const base = params.push(r.linkId, r.profileId, r.iteration, r.seed, r.durationMs, r.bytes, r.throughputGbps);
          const $ = (k: number) => `$${base - 7 + k + 3}`; // $1, $2: the campaign and its time
          return `($1, ${$(0)}, ${$(1)}, ${$(2)}, 'succeeded', 'simulator', ${$(3)}, $2, $2, $2, ${$(4)}, 120, ${$(5)}, ${$(6)}, 3, NULL, '{"model":"pre-copy"}')`;
        });
        await client.query(
          `INSERT INTO "Run" ("campaignId", "linkId", "profileId", "iteration", "status", "adapter", "seed", "createdAt",
             "startedAt", "finishedAt", "durationMs", "downtimeMs", "transferredBytes", "throughputGbps", "precopyRounds",
             "dirtyRateBytesPerSec", "rawStatsJson") VALUES ${values.join(", ")}`,
          [created[0].id, campaign.at, ...params],
        );
        runs += batch.length;
      }
    }
    const last = samplesPerRun - 1;
    const { rowCount } = await client.query(
      `INSERT INTO "Sample" ("runId", "tMs", "transferredBytes", "remainingBytes", "throughputGbps", "dirtyRateBytesPerSec", "round")
       SELECT r."id", s * r."durationMs" / ${last}, s * r."transferredBytes" / ${last},
              (${last} - s) * r."transferredBytes" / ${last}, 8.5, NULL, floor(s * 3.0 / ${last})::int
       FROM "Run" r CROSS JOIN generate_series(0, ${last}) AS s WHERE r."rawStatsJson" = '{"model":"pre-copy"}'`,
    );
    await client.query("COMMIT");
    await client.query("VACUUM ANALYZE");
    return { runs, samples: rowCount ?? 0 };
  } finally {
    await client.end();
  }
}

/**
 * Adds the scale data with plain prepared INSERTs in one transaction: 998 campaigns of 90 runs and
 * two of 5,000 on the simulated replica testbed and the published one, 50 samples per run.
 */
export function addScaleData(file: string, samplesPerRun = 50) {
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = OFF");
  const testbeds = (
    db
      .prepare(
        "SELECT t.id, (SELECT group_concat(l.id) FROM Link l WHERE l.testbedId = t.id) AS links FROM Testbed t WHERE t.hypervisor IN ('simulator', 'vsphere') ORDER BY t.id",
      )
      .all() as { id: number; links: string }[]
  ).map((t) => ({ id: t.id, links: t.links.split(",").map(Number) }));
  const profiles = (db.prepare("SELECT id FROM VmProfile ORDER BY id LIMIT 12").all() as { id: number }[]).map(
    (p) => p.id,
  );
  const insertCampaign = db.prepare(
    "INSERT INTO Campaign (name, testbedId, status, iterations, timeScale, createdAt, finishedAt) VALUES (?, ?, 'completed', ?, 0, ?, ?)",
  );
  const insertRun = db.prepare(
    "INSERT INTO Run (campaignId, linkId, profileId, iteration, status, adapter, seed, createdAt, startedAt, finishedAt, durationMs, downtimeMs, transferredBytes, throughputGbps, precopyRounds, dirtyRateBytesPerSec, rawStatsJson) VALUES (?, ?, ?, ?, 'succeeded', 'simulator', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '{\"model\":\"pre-copy\"}')",
  );
  const insertSample = db.prepare(
    "INSERT INTO Sample (runId, tMs, transferredBytes, remainingBytes, throughputGbps, dirtyRateBytesPerSec, round) VALUES (?, ?, ?, ?, ?, ?, ?)",
  );
  let runs = 0;
  let samples = 0;
  db.transaction(() => {
    for (const { campaign, runs: rows } of scaleCampaigns(testbeds, profiles)) {
      const { name, testbedId, iterations, at } = campaign;
      const campaignId = Number(insertCampaign.run(name, testbedId, iterations, at, at).lastInsertRowid);
      for (const r of rows) {
        const runId = Number(
          insertRun.run(
            ...[campaignId, r.linkId, r.profileId, r.iteration, r.seed, at, at, at],
            ...[r.durationMs, 120, r.bytes, r.throughputGbps, 3, null],
          ).lastInsertRowid,
        );
        runs++;
        for (let s = 0; s < samplesPerRun; s++) {
          const f = s / (samplesPerRun - 1);
          insertSample.run(runId, f * r.durationMs, f * r.bytes, (1 - f) * r.bytes, 8.5, null, Math.floor(f * 3));
          samples++;
        }
      }
    }
  })();
  db.pragma("wal_checkpoint(TRUNCATE)");
  db.close();
  return { runs, samples };
}
