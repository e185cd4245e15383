/**
 * migbench has one Prisma schema, prisma/schema.prisma, written for SQLite. Its PostgreSQL variant
 * differs only in the datasource provider and where the client is generated; the PostgreSQL client,
 * migrations and checks are all derived from it with this function. Not "server-only": scripts use it.
 */
export function postgresqlSchemaOf(sqliteSchema: string, generatedDir = "../lib/generated/prisma-postgresql"): string {
  const provider = /provider\s*=\s*"sqlite"/;
  const output = /output\s*=\s*"[^"]*"/;
  if (!provider.test(sqliteSchema) || !output.test(sqliteSchema))
    throw new Error('prisma/schema.prisma must declare provider = "sqlite" and the client\'s output');
  return sqliteSchema.replace(provider, 'provider = "postgresql"').replace(output, `output       = "${generatedDir}"`);
}
