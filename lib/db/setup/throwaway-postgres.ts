import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";

const ROOT = path.resolve(__dirname, "..", "..", "..");

/** Whether Debian's PostgreSQL server binaries are installed (scripts/debian-packages.sh installs them). */
export function postgresInstalled(): boolean {
  return fs.existsSync("/usr/lib/postgresql") && fs.readdirSync("/usr/lib/postgresql").length > 0;
}

/**
 * A throwaway PostgreSQL cluster (scripts/pg-cluster.sh): initdb into a temporary directory, a free
 * local port. `url` names its "migbench" database; `createDatabase` adds an empty one; `stop` removes
 * everything.
 */
export function startPostgres(): {
  url: string;
  createDatabase: (name: string) => Promise<string>;
  stop: () => void;
  /** Stops the server, keeping its data (a database outage), and starts it again on the same port. */
  pause: () => void;
  resume: () => void;
} {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "migbench-pg-"));
  const url = execFileSync("bash", [path.join(ROOT, "scripts", "pg-cluster.sh"), "start", dir], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  }).trim();
  return {
    url,
    async createDatabase(name: string) {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE "${name.replace(/[^a-z0-9_]/gi, "_")}"`);
      } finally {
        await client.end();
      }
      return url.replace(/\/migbench$/, `/${name}`);
    },
    stop: () => execFileSync("bash", [path.join(ROOT, "scripts", "pg-cluster.sh"), "stop", dir], { stdio: "ignore" }),
    pause: () => execFileSync("bash", [path.join(ROOT, "scripts", "pg-cluster.sh"), "pause", dir], { stdio: "ignore" }),
    resume: () =>
      execFileSync("bash", [path.join(ROOT, "scripts", "pg-cluster.sh"), "resume", dir], { stdio: "inherit" }),
  };
}
