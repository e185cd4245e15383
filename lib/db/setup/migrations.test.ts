import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { MIGRATED_SCHEMA } from "./migrate-postgresql";
import { postgresqlSchemaOf } from "./schema-variants";

const schemaFile = path.join(__dirname, "..", "..", "..", "prisma", "schema.prisma");

test("the PostgreSQL migrations are derived from the current schema", () => {
  // A schema change needs its migrations for both databases: npm run db:new-migration -- <name>.
  assert.equal(
    fs.readFileSync(MIGRATED_SCHEMA, "utf8"),
    fs.readFileSync(schemaFile, "utf8"),
    "prisma/schema.prisma changed since prisma/migrations-postgresql was derived: run npm run db:new-migration -- <name>",
  );
});

test("the PostgreSQL schema differs from the SQLite one only in its provider and client", () => {
  const sqlite = fs.readFileSync(schemaFile, "utf8");
  const postgresql = postgresqlSchemaOf(sqlite);
  assert.match(postgresql, /provider = "postgresql"/);
  assert.doesNotMatch(postgresql, /provider = "sqlite"/);
  const models = (s: string) => s.slice(s.indexOf("model "));
  assert.equal(models(postgresql), models(sqlite));
});
