import path from "node:path";
import { defineConfig } from "prisma/config";

// The regular CLI reads this where it can download its engines; on offline machines
// bin/db-migrate.ts applies the same prisma/migrations folder through the WASM engine.
export default defineConfig({
  schema: path.join("prisma", "schema.prisma"),
  migrations: {
    path: path.join("prisma", "migrations"),
    seed: "tsx --conditions react-server prisma/seed.ts",
  },
  datasource: {
    url: process.env.DATABASE_URL ?? "file:./data/migbench.db",
  },
});
