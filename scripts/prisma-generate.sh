#!/usr/bin/env bash
# Generates the two Prisma clients offline: lib/generated/prisma for SQLite from prisma/schema.prisma
# (the one schema), and lib/generated/prisma-postgresql for PostgreSQL from the same schema with only
# its provider and output changed (written to node_modules/.cache/migbench/, never edited by hand).
# `prisma generate` only needs the schema engine binary to exist (it never runs it for generation);
# pointing at a placeholder stops the CLI downloading it.
set -euo pipefail
cd "$(dirname "$0")/.."
cache="node_modules/.cache/migbench"
placeholder="$cache/schema-engine-placeholder"
mkdir -p "$cache"
[ -f "$placeholder" ] || { printf '#!/bin/sh\necho "offline placeholder: use npm run db:migrate" >&2\nexit 1\n' > "$placeholder"; chmod +x "$placeholder"; }
export PRISMA_SCHEMA_ENGINE_BINARY="${PRISMA_SCHEMA_ENGINE_BINARY:-$PWD/$placeholder}"
export PRISMA_HIDE_UPDATE_MESSAGE=1 CHECKPOINT_DISABLE=1
npx prisma generate
npx tsx scripts/postgresql-schema.ts > "$cache/postgresql.prisma"
npx prisma generate --schema "$cache/postgresql.prisma"
