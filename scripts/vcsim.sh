#!/usr/bin/env bash
# Builds (once) and starts vcsim, VMware's vCenter simulator, from Debian's golang-go and
# golang-github-vmware-govmomi-dev, offline. Usage: scripts/vcsim.sh [--listen 127.0.0.1:8989] [--username u --password p]
# Prints "URL <url>" and "CA <pem>" when ready. The binary is cached in node_modules/.cache/migbench/vcsim.
set -euo pipefail
cd "$(dirname "$0")/.."
bin="node_modules/.cache/migbench/vcsim"
if [ ! -x "$bin" ] || [ tools/vcsim/main.go -nt "$bin" ]; then
  command -v go >/dev/null || { echo "go is not installed: apt-get install golang-go golang-github-vmware-govmomi-dev" >&2; exit 1; }
  [ -d /usr/share/gocode/src/github.com/vmware/govmomi/simulator ] || { echo "govmomi is not installed: apt-get install golang-github-vmware-govmomi-dev" >&2; exit 1; }
  mkdir -p "$(dirname "$bin")" node_modules/.cache/migbench/gocache
  echo "building vcsim (once, ~30 s)..." >&2
  GO111MODULE=off GOPATH=/usr/share/gocode GOPROXY=off GOFLAGS=-mod=mod GOCACHE="$PWD/node_modules/.cache/migbench/gocache" \
    go build -o "$bin" ./tools/vcsim
fi
exec "$bin" "$@"
