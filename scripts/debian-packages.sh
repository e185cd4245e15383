#!/usr/bin/env bash
# The Debian packages the tests drive for real, installed when missing — the one list of them:
# Chromium (browser tests), QEMU and nasm (live migrations), Go and govmomi (vcsim, VMware's vCenter
# simulator, built by scripts/vcsim.sh), libvirt's daemon, virsh and its QEMU driver (two session
# daemons run the libvirt adapter's tests), PostgreSQL's server (a throwaway cluster runs the database
# tests a second time, scripts/pg-cluster.sh). Used by npm test and .ci/run.
set -euo pipefail
missing=()
[ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || missing+=(chromium)
command -v qemu-system-x86_64 >/dev/null || missing+=(qemu-system-x86)
command -v nasm >/dev/null || missing+=(nasm)
command -v go >/dev/null || missing+=(golang-go)
[ -d /usr/share/gocode/src/github.com/vmware/govmomi/simulator ] || missing+=(golang-github-vmware-govmomi-dev)
command -v libvirtd >/dev/null || missing+=(libvirt-daemon-system)
command -v virsh >/dev/null || missing+=(libvirt-clients)
[ -e /usr/lib/x86_64-linux-gnu/libvirt/connection-driver/libvirt_driver_qemu.so ] || missing+=(libvirt-daemon-driver-qemu)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
if [ ${#missing[@]} -gt 0 ]; then
  echo "==> Installing Debian packages: ${missing[*]}"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null) || { echo "could not install ${missing[*]}"; exit 1; }
fi
