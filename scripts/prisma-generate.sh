#!/usr/bin/env bash
# Generates the Prisma client offline. `prisma generate` only needs the schema engine binary to
# exist (it never runs it for generation); pointing at a placeholder stops the CLI downloading it.
set -euo pipefail
cd "$(dirname "$0")/.."
placeholder="node_modules/.cache/migbench/schema-engine-placeholder"
mkdir -p "$(dirname "$placeholder")"
[ -f "$placeholder" ] || { printf '#!/bin/sh\necho "offline placeholder: use npm run db:migrate" >&2\nexit 1\n' > "$placeholder"; chmod +x "$placeholder"; }
export PRISMA_SCHEMA_ENGINE_BINARY="${PRISMA_SCHEMA_ENGINE_BINARY:-$PWD/$placeholder}"
export PRISMA_HIDE_UPDATE_MESSAGE=1 CHECKPOINT_DISABLE=1
npx prisma generate
