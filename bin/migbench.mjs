#!/usr/bin/env node
// `migbench …` (after `npm link`, or `npx migbench` where this package is installed): the command-line
// client in bin/cli.ts, run through tsx from this package's own dependencies.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const tsx = pathToFileURL(createRequire(path.join(root, "package.json")).resolve("tsx")).href;
const result = spawnSync(
  process.execPath,
  ["--import", tsx, path.join(root, "bin", "cli.ts"), ...process.argv.slice(2)],
  {
    stdio: "inherit",
  },
);
process.exit(result.status ?? 2);
