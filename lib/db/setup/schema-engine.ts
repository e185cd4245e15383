/**
 * Prisma's schema engine compiled to WebAssembly, driven through the same driver adapters as the app:
 * the one way migbench reads and writes migrations on this machine (`prisma migrate` needs a native
 * engine that cannot be downloaded here). Used by lib/db/setup/migrate.ts and lib/db/setup/migrate-postgresql.ts.
 * Not "server-only": the CLI runs it outside React's server conditions.
 */
import fs from "node:fs";
import path from "node:path";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import { databaseKind, type DatabaseKind } from "../url";
import { postgresqlSchemaOf } from "./schema-variants";

export const root = path.resolve(__dirname, "..", "..", "..");
export const schemaPath = path.join(root, "prisma", "schema.prisma");
export const MIGRATIONS_DIRS: Record<DatabaseKind, string> = {
  sqlite: path.join(root, "prisma", "migrations"),
  postgresql: path.join(root, "prisma", "migrations-postgresql"),
};
export const filters = { externalTables: [], externalEnums: [] };

/** The schema for a database kind: the file itself for SQLite, its derived variant for PostgreSQL. */
export function schemaFor(kind: DatabaseKind): { path: string; content: string } {
  const content = fs.readFileSync(schemaPath, "utf8");
  return { path: schemaPath, content: kind === "sqlite" ? content : postgresqlSchemaOf(content) };
}

export type Engine = {
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
  const kind = databaseKind(databaseUrl);
  const schema = schemaFor(kind).content;
  // Wait for a busy SQLite file (the app or a worker writing) instead of failing at once.
  const base =
    kind === "sqlite"
      ? new PrismaBetterSqlite3({ url: databaseUrl, timeout: 15_000 })
      : new PrismaPg({ connectionString: databaseUrl, max: 2 });
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

export function readMigrations(kind: DatabaseKind) {
  const migrationsDir = MIGRATIONS_DIRS[kind];
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
export async function withEngine<T>(databaseUrl: string, fn: (engine: Engine) => Promise<T>): Promise<T> {
  if (databaseKind(databaseUrl) === "sqlite") {
    fs.mkdirSync(path.dirname(path.resolve(databaseUrl.replace(/^file:/, ""))), { recursive: true });
  }
  const { engine, connections } = await loadEngine(databaseUrl);
  try {
    return await fn(engine);
  } finally {
    engine.free();
    await Promise.all(connections.map((c) => c.dispose()));
  }
}
