#!/usr/bin/env bash
# A Troupe cluster on one machine without Docker: the coordinator and N workers, each in its own network namespace
# with its own address (veth pairs on one bridge, 10.77.0.0/24 by default), configured with the same TROUPE_*
# variables docker-compose.yml sets. Root required (ip netns).
#
#   deploy/netns-cluster.sh up [N]           bridge + namespaces (and an iptables FORWARD accept for the bridge: see
#                                            accept_bridge_traffic), then the coordinator and N workers (default 2)
#   deploy/netns-cluster.sh status           nodes, addresses, links, processes
#   deploy/netns-cluster.sh kill NODE        kill -9 the node's process (NODE: coordinator | worker-I)
#   deploy/netns-cluster.sh start NODE       start a stopped node again (the coordinator resumes its run dir)
#   deploy/netns-cluster.sh partition NODE   cut the node off: its veth link to the bridge goes down (packets vanish)
#   deploy/netns-cluster.sh heal NODE        bring the link back
#   deploy/netns-cluster.sh wait NODE [S]    wait (at most S seconds, default 3600) for the node's process to exit; exits with its code
#   deploy/netns-cluster.sh env NODE         print the environment the node gets (NAME=VALUE lines)
#   deploy/netns-cluster.sh down             kill every node, delete namespaces, veths, bridge, /etc/netns entries and
#                                            the FORWARD rule `up` added for the bridge
#                                            (the state dir with logs and the run dir stays: results, not plumbing)
#
# Settings (environment of this script; none of them is read by the apps):
#   TROUPE_NETNS_NAME      prefix of namespaces and links, at most 5 characters (default trp)
#   TROUPE_NETNS_SUBNET    first three octets of the /24 (default 10.77.0): bridge .1, coordinator .10, worker-I .(10+I)
#   TROUPE_NETNS_STATE     state dir: nodes/NODE/{log,pid,pgid,rc}, events.log, secret, run/ (default /tmp/troupe-netns-NAME)
#   TROUPE_NETNS_WORKERS   workers for `up` without N (default 2)
#   TROUPE_NETNS_SPEC      experiment spec (default experiments/human-numbers.yaml)
#   TROUPE_NETNS_RUN_DIR   run dir (default STATE/run)
#   TROUPE_NETNS_SLOTS     slots per worker (default 1);  TROUPE_NETNS_MIN_WORKERS (default N)
#   TROUPE_NETNS_LOG_FORMAT text|json (default text)
#   TROUPE_NETNS_COORDINATOR_CMD  default: dotnet src/Coordinator/bin/Release/net10.0/troupe-coordinator.dll;
#                                 `run SPEC` is appended (with TROUPE_RUN_DIR it resumes the journal there)
#   TROUPE_NETNS_WORKER_CMD       default: dotnet on the troupe-worker.dll found under src/*/bin/Release/net10.0/
#                                 (the worker executable of the cluster layer); both are shell command lines
#   TROUPE_SECRET          cluster secret (default: a random one, kept in STATE/secret)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
NAME="${TROUPE_NETNS_NAME:-trp}"
SUBNET="${TROUPE_NETNS_SUBNET:-10.77.0}"
STATE="${TROUPE_NETNS_STATE:-/tmp/troupe-netns-$NAME}"
COORDINATOR_PORT=4053
WORKER_PORT=4054
BRIDGE="${NAME}br"

die() { echo "netns-cluster: $*" >&2; exit 1; }
now() { date -u +%Y-%m-%dT%H:%M:%S.%3NZ; }
note() { mkdir -p "$STATE"; echo "$(now) $*" | tee -a "$STATE/events.log"; }
note_at() { mkdir -p "$STATE"; local at="$1"; shift; echo "$at $*" | tee -a "$STATE/events.log"; }
[ "${#NAME}" -le 5 ] || die "TROUPE_NETNS_NAME '$NAME' is longer than 5 characters (interface names are limited to 15)"

workers() { cat "$STATE/workers" 2>/dev/null || echo "${TROUPE_NETNS_WORKERS:-2}"; }
nodes() { echo coordinator; local i; for ((i = 1; i <= $(workers); i++)); do echo "worker-$i"; done; }
index_of() {
  case "$1" in
    coordinator) echo 0 ;;
    worker-[1-9]*) local i="${1#worker-}"; [[ "$i" =~ ^[0-9]+$ ]] && [ "$i" -le "$(workers)" ] || die "no node $1 (workers: 1..$(workers))"; echo "$i" ;;
    *) die "no node '$1': expected coordinator or worker-1..worker-$(workers)" ;;
  esac
}
ns_of() { echo "$NAME-$1"; }
address_of() { echo "$SUBNET.$((10 + $(index_of "$1")))"; }
host_link() { echo "${NAME}h$(index_of "$1")"; }
node_dir() { echo "$STATE/nodes/$1"; }

secret() {
  if [ -n "${TROUPE_SECRET:-}" ]; then echo "$TROUPE_SECRET"
  elif [ -f "$STATE/secret" ]; then cat "$STATE/secret"
  else echo "(generated at up)"; fi
}
spec() { realpath -m "${TROUPE_NETNS_SPEC:-$ROOT/experiments/human-numbers.yaml}"; }
run_dir() { realpath -m "${TROUPE_NETNS_RUN_DIR:-$STATE/run}"; }

# The same variables docker-compose.yml sets for each service (and TROUPE_SECRET, which there comes from a compose secret).
node_env() {
  local node="$1"
  echo "TROUPE_SECRET=$(secret)"
  echo "TROUPE_LOG_FORMAT=${TROUPE_NETNS_LOG_FORMAT:-text}"
  echo "TROUPE_TIMING=${TROUPE_NETNS_TIMING:-default}"
  if [ "$node" = coordinator ]; then
    echo "TROUPE_ROLE=coordinator"
    echo "TROUPE_LISTEN=0.0.0.0:$COORDINATOR_PORT"
    echo "TROUPE_HOSTNAME=coordinator"
    echo "TROUPE_PORT=$COORDINATOR_PORT"
    echo "TROUPE_MIN_WORKERS=${TROUPE_NETNS_MIN_WORKERS:-$(workers)}"
    echo "TROUPE_RUN_DIR=$(run_dir)"
    echo "TROUPE_SPEC=$(spec)"
    echo "TROUPE_SLOTS=1"
  else
    echo "TROUPE_ROLE=worker"
    echo "TROUPE_SEED=coordinator:$COORDINATOR_PORT"
    echo "TROUPE_LISTEN=0.0.0.0:$WORKER_PORT"
    echo "TROUPE_HOSTNAME=$(address_of "$node")"
    echo "TROUPE_PORT=$WORKER_PORT"
    echo "TROUPE_SLOTS=${TROUPE_NETNS_SLOTS:-1}"
  fi
}

worker_dll() {
  find "$ROOT/src" -path '*/bin/Release/net10.0/troupe-worker.dll' -print -quit 2>/dev/null
}
node_cmd() {
  if [ "$1" = coordinator ]; then
    local cmd="${TROUPE_NETNS_COORDINATOR_CMD:-dotnet $(printf %q "$ROOT/src/Coordinator/bin/Release/net10.0/troupe-coordinator.dll")}"
    # Every start runs the spec in TROUPE_RUN_DIR: `run` resumes the journal there, and starts afresh when a coordinator
    # killed before its sweep began left it empty (`resume` refuses an empty journal: seen in a chaos run).
    echo "$cmd run $(printf %q "$(spec)")"
  else
    if [ -n "${TROUPE_NETNS_WORKER_CMD:-}" ]; then echo "$TROUPE_NETNS_WORKER_CMD"; return; fi
    local dll; dll="$(worker_dll)"
    [ -n "$dll" ] || die "no troupe-worker.dll under src/*/bin/Release/net10.0/ (build the worker, or set TROUPE_NETNS_WORKER_CMD)"
    echo "dotnet $(printf %q "$dll")"
  fi
}

# Bridged traffic between the namespaces must pass whatever else runs here. dockerd, when it turns ip_forward on, sets
# the iptables FORWARD policy to DROP, and br_netfilter (which it loads: bridge-nf-call-iptables = 1) sends frames
# bridged between our veths through that chain: the workers never reach the coordinator (seen here). So `up` accepts
# traffic that enters and leaves this cluster's bridge, first in FORWARD (IPv4 and IPv6, where the tool exists), and
# `down` removes exactly that rule. -C first: `up` after a crash adds no second copy. A tool that fails is a warning
# only: without dockerd (policy ACCEPT) the cluster works as before.
bridge_rule() { echo "FORWARD -i $BRIDGE -o $BRIDGE -j ACCEPT"; }
accept_bridge_traffic() {
  local tool
  for tool in iptables ip6tables; do
    command -v "$tool" > /dev/null || continue
    # shellcheck disable=SC2046  # the rule is words on purpose
    if ! "$tool" -w -C $(bridge_rule) 2> /dev/null; then
      # shellcheck disable=SC2046
      "$tool" -w -I $(bridge_rule) \
        || echo "netns-cluster: warning: '$tool -I $(bridge_rule)' failed: if the FORWARD policy is DROP (dockerd), traffic between the nodes is dropped" >&2
    fi
  done
}
drop_bridge_rule() {
  local tool
  for tool in iptables ip6tables; do
    command -v "$tool" > /dev/null || continue
    # shellcheck disable=SC2046
    while "$tool" -w -C $(bridge_rule) 2> /dev/null; do "$tool" -w -D $(bridge_rule) || break; done
  done
}

require_root() {
  [ "$(id -u)" = 0 ] || die "needs root (ip netns)"
  command -v ip > /dev/null || die "needs iproute2 (ip)"
}

alive() { local pid; pid="$(cat "$(node_dir "$1")/pid" 2>/dev/null)" && [ -n "$pid" ] && kill -0 "$pid" 2> /dev/null; }

start_node() {
  local node="$1" dir ns cmd
  dir="$(node_dir "$node")"; ns="$(ns_of "$node")"
  ip netns list | grep -qw "$ns" || die "namespace $ns does not exist (run up first)"
  alive "$node" && die "$node is already running (pid $(cat "$dir/pid"))"
  mkdir -p "$dir"; rm -f "$dir/pid" "$dir/rc"
  cmd="$(node_cmd "$node")"
  local -a env_args=(PATH="$PATH" HOME="${HOME:-/root}")
  [ -n "${DOTNET_ROOT:-}" ] && env_args+=(DOTNET_ROOT="$DOTNET_ROOT")
  [ -n "${DOTNET_CLI_HOME:-}" ] && env_args+=(DOTNET_CLI_HOME="$DOTNET_CLI_HOME")
  mapfile -t node_vars < <(node_env "$node")
  # Taken before the process exists, so what is measured from it (the coordinator's resume) is never too short.
  local at; at="$(now)"
  echo "=== $at netns-cluster: start $node in $ns at $(address_of "$node"): $cmd" >> "$dir/log"
  # The wrapper (a session leader: its pid is the node's process group) runs the app as a child so that the app's
  # pid is what `kill` hits with SIGKILL and its exit code lands in rc.
  (cd "$dir" && exec setsid ip netns exec "$ns" env -i "${env_args[@]}" "${node_vars[@]}" \
      bash -c 'pid_file="$1"; rc_file="$2"; (eval "exec $3") & echo $! > "$pid_file"; wait $!; echo $? > "$rc_file"' \
      _ "$dir/pid" "$dir/rc" "$cmd" >> "$dir/log" 2>&1 < /dev/null) &
  echo $! > "$dir/pgid"
  local i; for ((i = 0; i < 100; i++)); do [ -s "$dir/pid" ] && break; sleep 0.05; done
  [ -s "$dir/pid" ] || die "$node did not start (see $dir/log)"
  note_at "$at" "started $node pid $(cat "$dir/pid") at $(address_of "$node")"
}

cmd_up() {
  require_root
  local n="${1:-${TROUPE_NETNS_WORKERS:-2}}"
  [[ "$n" =~ ^[0-9]+$ ]] && [ "$n" -ge 1 ] && [ "$n" -le 200 ] || die "workers: expected 1..200, got '$n'"
  ip link show "$BRIDGE" > /dev/null 2>&1 && die "$BRIDGE exists: a cluster named $NAME is up (down first)"
  mkdir -p "$STATE/nodes"
  echo "$n" > "$STATE/workers"
  if [ -z "${TROUPE_SECRET:-}" ] && [ ! -f "$STATE/secret" ]; then
    (umask 077; head -c 24 /dev/urandom | base64 | tr -d '/+=' > "$STATE/secret")
  fi
  [ -f "$(spec)" ] || die "spec $(spec) does not exist"
  local probe; for probe in coordinator worker-1; do node_cmd "$probe" > /dev/null; done   # fail before creating anything
  ip link add "$BRIDGE" type bridge
  ip addr add "$SUBNET.1/24" dev "$BRIDGE"
  ip link set "$BRIDGE" up
  accept_bridge_traffic
  local node ns link i
  for node in $(nodes); do
    ns="$(ns_of "$node")"; link="$(host_link "$node")"; i="$(index_of "$node")"
    ip netns add "$ns"
    # A namespace deleted by the last `down` may still be tearing down its veth pair: drop a stale host end first.
    ip link show "$link" > /dev/null 2>&1 && ip link del "$link" 2> /dev/null
    ip link add "$link" type veth peer name "${NAME}n$i" netns "$ns"
    ip link set "$link" master "$BRIDGE"
    ip link set "$link" up
    ip -n "$ns" link set "${NAME}n$i" name eth0
    ip -n "$ns" addr add "$(address_of "$node")/24" dev eth0
    ip -n "$ns" link set eth0 up
    ip -n "$ns" link set lo up
    # Names resolve as in compose: `coordinator` and worker-I (ip netns exec bind-mounts this over /etc/hosts).
    mkdir -p "/etc/netns/$ns"
    { echo "127.0.0.1 localhost"; for other in $(nodes); do echo "$(address_of "$other") $other"; done; } > "/etc/netns/$ns/hosts"
  done
  note "up: bridge $BRIDGE $SUBNET.0/24, coordinator + $n workers, state $STATE, run dir $(run_dir)"
  for node in $(nodes); do start_node "$node"; done
}

cmd_kill() {
  require_root
  local node="$1" dir; index_of "$node" > /dev/null; dir="$(node_dir "$node")"
  alive "$node" || die "$node is not running"
  # The time is taken before the signal, so what is measured from it (detection) is never too short.
  local at; at="$(now)"
  kill -9 "$(cat "$dir/pid")"
  note_at "$at" "killed $node (kill -9 pid $(cat "$dir/pid"))"
  echo "=== $(now) netns-cluster: kill -9" >> "$dir/log"
}

cmd_partition() {
  require_root; local link; link="$(host_link "$1")"
  local at; at="$(now)"
  ip link set "$link" down
  note_at "$at" "partitioned $1 ($link down)"
}

cmd_heal() {
  require_root; local link; link="$(host_link "$1")"
  ip link set "$link" up
  note "healed $1 ($link up)"
}

cmd_wait() {
  local node="$1" limit="${2:-3600}" dir start; index_of "$node" > /dev/null; dir="$(node_dir "$node")"
  start=$SECONDS
  while [ ! -s "$dir/rc" ]; do
    if [ $((SECONDS - start)) -ge "$limit" ]; then echo "netns-cluster: $node still running after ${limit}s" >&2; exit 124; fi
    [ -s "$dir/pid" ] || die "$node was never started"
    sleep 0.2
  done
  local rc; rc="$(cat "$dir/rc")"
  echo "$node exited with $rc"
  exit "$rc"
}

cmd_status() {
  printf '%-12s %-16s %-15s %-5s %s\n' NODE NAMESPACE ADDRESS LINK PROCESS
  local node dir state link
  for node in $(nodes); do
    dir="$(node_dir "$node")"
    link="$(ip -br link show "$(host_link "$node")" 2> /dev/null | awk '{ print $2 }')"
    if alive "$node"; then state="running (pid $(cat "$dir/pid"))"
    elif [ -s "$dir/rc" ]; then state="exited $(cat "$dir/rc")"
    else state="-"; fi
    printf '%-12s %-16s %-15s %-5s %s\n' "$node" "$(ns_of "$node")" "$(address_of "$node")" "${link:--}" "$state"
  done
}

cmd_down() {
  require_root
  local node dir pgid ns
  for node in $(nodes); do
    dir="$(node_dir "$node")"
    pgid="$(cat "$dir/pgid" 2> /dev/null || true)"
    [ -n "$pgid" ] && kill -9 -- "-$pgid" 2> /dev/null || true
    alive "$node" && kill -9 "$(cat "$dir/pid")" 2> /dev/null || true
  done
  for node in $(nodes); do
    ns="$(ns_of "$node")"
    # Any process still inside the namespace (children of a node) goes with it.
    for pid in $(ip netns pids "$ns" 2> /dev/null); do kill -9 "$pid" 2> /dev/null || true; done
    ip netns del "$ns" 2> /dev/null || true      # deletes the veth pair with it, once the namespace is released
    ip link del "$(host_link "$node")" 2> /dev/null || true
    rm -rf "/etc/netns/$ns"
  done
  ip link del "$BRIDGE" 2> /dev/null || true
  drop_bridge_rule
  # The kernel releases namespaces asynchronously; the next `up` must not find this cluster's links (RTNETLINK: File exists).
  local tries=0
  while [ "$tries" -lt 50 ] && ip -o link show | grep -q " ${NAME}h[0-9]*[@:]"; do sleep 0.1; tries=$((tries + 1)); done
  note "down: namespaces, links and bridge $BRIDGE removed; logs and run dir kept in $STATE"
}

case "${1:-}" in
  up) shift; cmd_up "$@" ;;
  down) cmd_down ;;
  kill) [ $# -eq 2 ] || die "usage: kill NODE"; cmd_kill "$2" ;;
  start) [ $# -eq 2 ] || die "usage: start NODE"; require_root; index_of "$2" > /dev/null; start_node "$2" ;;
  partition) [ $# -eq 2 ] || die "usage: partition NODE"; cmd_partition "$2" ;;
  heal) [ $# -eq 2 ] || die "usage: heal NODE"; cmd_heal "$2" ;;
  wait) [ $# -ge 2 ] || die "usage: wait NODE [SECONDS]"; cmd_wait "$2" "${3:-3600}" ;;
  status) cmd_status ;;
  env) [ $# -eq 2 ] || die "usage: env NODE"; index_of "$2" > /dev/null; node_env "$2" ;;
  *) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; [ -n "${1:-}" ] && exit 2 || exit 0 ;;
esac
