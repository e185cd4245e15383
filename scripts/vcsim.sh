#!/usr/bin/env bash
# Builds (once per source) and starts vcsim, VMware's vCenter simulator, from Debian's golang-go and
# golang-github-vmware-govmomi-dev, offline, with migbench's additions in tools/vcsim (see the headers there).
# Usage: scripts/vcsim.sh [--listen 127.0.0.1:8989] [--username u --password p]
# Prints "URL <url>" and "CA <pem>" when ready. The binary is cached in node_modules/.cache/migbench/ under a
# name that carries a hash of tools/vcsim/*.go, so editing any of those files rebuilds it, and worktrees
# sharing node_modules never run each other's build.
set -euo pipefail
cd "$(dirname "$0")/.."
hash=$(cat tools/vcsim/*.go | sha256sum | cut -c1-12)
bin="node_modules/.cache/migbench/vcsim-$hash"
if [ ! -x "$bin" ]; then
  command -v go >/dev/null || { echo "go is not installed: apt-get install golang-go golang-github-vmware-govmomi-dev" >&2; exit 1; }
  [ -d /usr/share/gocode/src/github.com/vmware/govmomi/simulator ] || { echo "govmomi is not installed: apt-get install golang-github-vmware-govmomi-dev" >&2; exit 1; }
  mkdir -p "$(dirname "$bin")" node_modules/.cache/migbench/gocache
  echo "building vcsim (once, ~30 s)..." >&2
  # Built under a temporary name and renamed: a second start meanwhile never runs a half-written binary.
  GO111MODULE=off GOPATH=/usr/share/gocode GOPROXY=off GOFLAGS=-mod=mod GOCACHE="$PWD/node_modules/.cache/migbench/gocache" \
    go build -o "$bin.$$.tmp" ./tools/vcsim
  mv -f "$bin.$$.tmp" "$bin"
fi
exec "$bin" "$@"
