#!/usr/bin/env bash
# Two libvirt session daemons on this machine, as user nobody, for real libvirt migrations in tests
# and demos (README, "VMware vSphere (vMotion) and libvirt"). Usage:
#   scripts/libvirt-pair.sh <dir> [<source netns> <destination netns>]
# starts them (each in its network namespace when given: scripts/libvirt-lab.sh) and prints
#   SOURCE <uri>  and  DESTINATION <uri>; stop them with: kill $(cat <dir>/*/libvirtd.pid.main)
set -euo pipefail
dir=${1:?usage: libvirt-pair.sh <dir> [<source netns> <destination netns>]}
netns=("${2:-}" "${3:-}")
command -v libvirtd >/dev/null || { echo "libvirtd is not installed: apt-get install libvirt-daemon-system libvirt-clients libvirt-daemon-driver-qemu" >&2; exit 1; }
mkdir -p "$dir"
for side in a b; do
  d="$dir/$side"
  mkdir -p "$d/home" "$d/config/libvirt" "$d/runtime" "$d/cache"
  # Each daemon needs its own host UUID, or libvirt refuses to migrate to "itself".
  printf 'host_uuid = "%s"\n' "$(cat /proc/sys/kernel/random/uuid)" > "$d/config/libvirt/libvirtd.conf"
done
chown -R nobody "$dir"
chmod 755 "$dir"
i=0
for side in a b; do
  d="$dir/$side"
  inside=()
  if [ -n "${netns[$i]}" ]; then inside=(ip netns exec "${netns[$i]}"); fi
  i=$((i + 1))
  "${inside[@]}" runuser -u nobody -- env HOME="$d/home" XDG_CONFIG_HOME="$d/config" XDG_RUNTIME_DIR="$d/runtime" XDG_CACHE_HOME="$d/cache" \
    libvirtd --timeout 0 > "$d/libvirtd.log" 2>&1 &
  echo $! > "$d/libvirtd.pid.main"
done
for side in a b; do
  for _ in $(seq 1 100); do [ -S "$dir/$side/runtime/libvirt/libvirt-sock" ] && break; sleep 0.1; done
  [ -S "$dir/$side/runtime/libvirt/libvirt-sock" ] || { echo "libvirtd $side did not start: $(tail -3 "$dir/$side/libvirtd.log")" >&2; exit 1; }
done
echo "SOURCE qemu:///session?socket=$dir/a/runtime/libvirt/libvirt-sock"
echo "DESTINATION qemu+unix:///session?socket=$dir/b/runtime/libvirt/libvirt-sock"
