#!/usr/bin/env bash
# A two-host libvirt lab on one machine: two network namespaces ("hosts"), each with its own session
# libvirtd (as user nobody), joined by one veth pair per link, each shaped with tc tbf at its own rate
# on the source side (all migration traffic, the final stop-and-copy included). Needs root, iproute2, libvirt.
#
#   scripts/libvirt-lab.sh start <dir> <rate-bit/s> [<rate-bit/s> …]
#     prints   SOURCE <uri> / DESTINATION <uri> / SOURCE_NETNS <ns> / DESTINATION_NETNS <ns>
#     and per link i (from 1):  LINK <i> <source interface> <destination interface> <destination address>
#   scripts/libvirt-lab.sh stop <dir>
#
# README: "A real two-host lab". Namespaces and interfaces are named from a short id kept in <dir>/id, so
# labs in different directories do not collide.
set -euo pipefail
cmd=${1:?usage: libvirt-lab.sh start <dir> <rate-bit/s>… | stop <dir>}
dir=${2:?usage: libvirt-lab.sh start <dir> <rate-bit/s>… | stop <dir>}

stop_lab() {
  [ -f "$dir/id" ] || return 0
  local id; id=$(cat "$dir/id")
  for side in a b; do
    if [ -f "$dir/$side/libvirtd.pid.main" ]; then
      local pid; pid=$(cat "$dir/$side/libvirtd.pid.main")
      # The daemon's QEMU processes run in its namespace: end them with it.
      for p in $(ip netns pids "mbl${id}${side}" 2>/dev/null); do kill -9 "$p" 2>/dev/null || true; done
      kill "$pid" 2>/dev/null || true
    fi
  done
  ip netns del "mbl${id}a" 2>/dev/null || true
  ip netns del "mbl${id}b" 2>/dev/null || true
}

if [ "$cmd" = stop ]; then stop_lab; exit 0; fi
[ "$cmd" = start ] || { echo "unknown command $cmd" >&2; exit 2; }
shift 2
[ $# -ge 1 ] || { echo "give at least one link rate in bit/s" >&2; exit 2; }
command -v libvirtd >/dev/null || { echo "libvirtd is not installed: apt-get install libvirt-daemon-system libvirt-clients libvirt-daemon-driver-qemu" >&2; exit 1; }
[ "$(id -u)" = 0 ] || { echo "network namespaces need root" >&2; exit 1; }

mkdir -p "$dir"
id=$(printf '%05d' $((RANDOM % 100000)))
nsa="mbl${id}a"; nsb="mbl${id}b"
# The namespaces first: a name another lab holds stops here, before this lab could claim (and stop) it.
ip netns add "$nsa" || { echo "network namespace $nsa exists (another lab?): start again" >&2; exit 1; }
ip netns add "$nsb" || { ip netns del "$nsa"; echo "network namespace $nsb exists: start again" >&2; exit 1; }
echo "$id" > "$dir/id"
trap 'stop_lab' ERR
ip -n "$nsa" link set lo up
ip -n "$nsb" link set lo up
i=0
links=()
for rate in "$@"; do
  i=$((i + 1))
  ifa="mbl${id}a${i}"; ifb="mbl${id}b${i}"
  ip link add "$ifa" netns "$nsa" type veth peer name "$ifb" netns "$nsb"
  ip -n "$nsa" addr add "10.29.${i}.1/24" dev "$ifa"
  ip -n "$nsb" addr add "10.29.${i}.2/24" dev "$ifb"
  ip -n "$nsa" link set "$ifa" up
  ip -n "$nsb" link set "$ifb" up
  ip netns exec "$nsa" tc qdisc add dev "$ifa" root tbf rate "${rate}bit" burst 2mb latency 50ms
  links+=("LINK $i $ifa $ifb 10.29.${i}.2")
done

# The two daemons, each in its namespace ("host"); their QEMU processes start there too.
bash "$(dirname "$0")/libvirt-pair.sh" "$dir" "$nsa" "$nsb" || { stop_lab; exit 1; }
echo "SOURCE_NETNS $nsa"
echo "DESTINATION_NETNS $nsb"
printf '%s\n' "${links[@]}"
