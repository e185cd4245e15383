/** Prints the PostgreSQL variant of prisma/schema.prisma, for `prisma generate` (scripts/prisma-generate.sh). */
import fs from "node:fs";
import path from "node:path";
import { postgresqlSchemaOf } from "../lib/db/setup/schema-variants";

const root = path.resolve(__dirname, "..");
// Printed into node_modules/.cache/migbench/: the client's output is relative to that file.
const schema = fs.readFileSync(path.join(root, "prisma", "schema.prisma"), "utf8");
process.stdout.write(postgresqlSchemaOf(schema, "../../../lib/generated/prisma-postgresql"));
