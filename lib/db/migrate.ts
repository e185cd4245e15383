/**
 * Offline Prisma migrations through Prisma's own schema engine compiled to WebAssembly: apply the
 * pending ones of prisma/migrations, or write the next one from the schema. Used by the CLI
 * (scripts/db-migrate.ts), the app's start, workers, benchmarks and test databases.
 *
 * `prisma migrate` needs a native engine that this machine cannot download. The WASM engine keeps
 * the standard `_prisma_migrations` table, so the same folder works with the regular CLI elsewhere.
 * Not "server-only": the CLI runs it outside React's server conditions.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";

const root = path.resolve(__dirname, "..", "..");
const schemaPath = path.join(root, "prisma", "schema.prisma");
const migrationsDir = path.join(root, "prisma", "migrations");
const filters = { externalTables: [], externalEnums: [] };

type Engine = {
  applyMigrations(input: unknown): Promise<{ appliedMigrationNames: string[] }>;
  diff(input: unknown): Promise<{ exitCode: number; stdout: string | null }>;
  free(): void;
};

type EngineModule = {
  SchemaEngine: { new: (options: unknown, log: (msg: string) => void, adapter: unknown) => Promise<Engine> };
};
let engineModule: Promise<EngineModule> | undefined;

/**
 * Instantiates the WASM engine once per process: the generated glue caches a view of the wasm
 * memory at module level, so a second instance would read stale memory.
 */
function loadEngineModule(): Promise<EngineModule> {
  engineModule ??= (async () => {
    // wasm-bindgen reports Rust panics through this global.
    (globalThis as Record<string, unknown>).PRISMA_WASM_PANIC_REGISTRY = {
      set_message(message: string) {
        console.error(`schema engine panicked: ${message}`);
      },
    };
    const pkgDir = path.join(root, "node_modules", "@prisma", "schema-engine-wasm");
    const bg = await import(path.join(pkgDir, "schema_engine_bg.js"));
    const bytes = fs.readFileSync(path.join(pkgDir, "schema_engine_bg.wasm"));
    const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": bg });
    bg.__wbg_set_wasm(instance.exports);
    (instance.exports as { __wbindgen_start?: () => void }).__wbindgen_start?.();
    return bg as EngineModule;
  })();
  return engineModule;
}

type Disposable = { dispose(): Promise<void> };

/**
 * Connects an engine to databaseUrl. Returns the connections it opened too: engine.free() does not
 * close them, and an open connection keeps the file locked for the next engine.
 */
async function loadEngine(databaseUrl: string): Promise<{ engine: Engine; connections: Disposable[] }> {
  const bg = await loadEngineModule();
  const schema = fs.readFileSync(schemaPath, "utf8");
  // Wait for a busy database (the app or a worker writing) instead of failing at once.
  const base = new PrismaBetterSqlite3({ url: databaseUrl, timeout: 15_000 });
  const connections: Disposable[] = [];
  const tracked = {
    provider: base.provider,
    adapterName: base.adapterName,
    async connect() {
      const connection = await base.connect();
      connections.push(connection);
      return connection;
    },
    async connectToShadowDb() {
      const connection = await base.connectToShadowDb();
      connections.push(connection);
      return connection;
    },
  };
  const engine = await bg.SchemaEngine.new(
    { datamodels: [[schemaPath, schema]] },
    (msg: string) => {
      if (process.env.MIGBENCH_DEBUG_ENGINE) console.error("[schema-engine]", msg);
    },
    bindMigrationAwareSqlAdapterFactory(tracked as never),
  );
  return { engine, connections };
}

function readMigrations() {
  const dirs = fs.existsSync(migrationsDir)
    ? fs
        .readdirSync(migrationsDir, { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => d.name)
        .sort()
    : [];
  const lockPath = path.join(migrationsDir, "migration_lock.toml");
  return {
    baseDir: migrationsDir,
    lockfile: {
      path: "migration_lock.toml",
      content: fs.existsSync(lockPath) ? fs.readFileSync(lockPath, "utf8") : null,
    },
    shadowDbInitScript: "",
    migrationDirectories: dirs.map((name) => {
      const file = path.join(migrationsDir, name, "migration.sql");
      return {
        path: name,
        migrationFile: {
          path: "migration.sql",
          content: fs.existsSync(file)
            ? { tag: "ok", value: fs.readFileSync(file, "utf8") }
            : { tag: "error", value: "migration.sql not found" },
        },
      };
    }),
  };
}

/**
 * Runs fn with one engine connected to databaseUrl, and closes its connections afterwards.
 */
async function withEngine<T>(databaseUrl: string, fn: (engine: Engine) => Promise<T>): Promise<T> {
  const file = databaseUrl.replace(/^file:/, "");
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const { engine, connections } = await loadEngine(databaseUrl);
  try {
    return await fn(engine);
  } finally {
    engine.free();
    await Promise.all(connections.map((c) => c.dispose()));
  }
}

async function applyWith(engine: Engine): Promise<string[]> {
  const out = await engine.applyMigrations({ migrationsList: readMigrations(), filters });
  return out.appliedMigrationNames;
}

/**
 * Applies every pending migration; returns the names applied. Also switches the file to WAL so the
 * app and a separate worker process can read while the other writes.
 */
export async function applyMigrations(databaseUrl: string): Promise<string[]> {
  if (pendingMigrationNames(databaseUrl).length === 0) return [];
  let applied: string[];
  try {
    applied = await withEngine(databaseUrl, applyWith);
  } catch (error) {
    // The engine locks the file exclusively; another process holding it open makes that fail.
    throw new Error(
      `Could not apply migrations to ${databaseUrl}: ${(error as Error).message.split("\n")[0]}. ` +
        "If the app or a worker is using this database, stop it, run `npm run db:migrate`, then start it again.",
    );
  }
  const sqlite = new Database(databaseUrl.replace(/^file:/, ""), { timeout: 15_000 });
  try {
    if (sqlite.pragma("journal_mode", { simple: true }) !== "wal") sqlite.pragma("journal_mode = WAL");
  } finally {
    sqlite.close();
  }
  return applied;
}

/**
 * Migrations in prisma/migrations not yet recorded as applied in the database. Read directly, so
 * an up-to-date database is never locked by the engine (the app and workers check on every start).
 */
export function pendingMigrationNames(databaseUrl: string): string[] {
  const all = readMigrations().migrationDirectories.map((d) => d.path);
  const file = databaseUrl.replace(/^file:/, "");
  if (!fs.existsSync(file)) return all;
  const sqlite = new Database(file, { readonly: true, timeout: 15_000 });
  try {
    const table = sqlite
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'")
      .get();
    if (!table) return all;
    const rows = sqlite
      .prepare("SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL")
      .all() as { migration_name: string }[];
    const done = new Set(rows.map((r) => r.migration_name));
    return all.filter((name) => !done.has(name));
  } finally {
    sqlite.close();
  }
}

/** Writes a new migration folder with the SQL that brings the migrations up to the schema. */
export async function createMigration(name: string): Promise<string | null> {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "migbench-migrate-"));
  try {
    const schema = { path: schemaPath, content: fs.readFileSync(schemaPath, "utf8") };
    const sql = await withEngine(`file:${path.join(scratch, "scratch.db")}`, async (engine) => {
      await applyWith(engine);
      const result = await engine.diff({
        from: { tag: "schemaDatasource", files: [schema], configDir: root },
        to: { tag: "schemaDatamodel", files: [schema] },
        script: true,
        exitCode: null,
        filters,
      });
      return (result.stdout ?? "").trim();
    });
    if (!sql || /^-- This is an empty migration/.test(sql)) return null;
    const stamp = new Date().toISOString().replace(/[-:T]/g, "").slice(0, 14);
    const dir = path.join(migrationsDir, `${stamp}_${name.replace(/[^a-z0-9_]+/gi, "_")}`);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "migration.sql"), sql + "\n");
    const lock = path.join(migrationsDir, "migration_lock.toml");
    if (!fs.existsSync(lock)) {
      fs.writeFileSync(
        lock,
        '# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "sqlite"\n',
      );
    }
    return dir;
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}
