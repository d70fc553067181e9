#!/usr/bin/env bash
# Makes sure a Docker engine answers, starting dockerd by hand where nothing else does (a machine without systemd).
#   deploy/start-dockerd.sh        exit 0 once `docker info` answers; root needed only to start dockerd
# Settings: DOCKERD_LOG (default /var/log/troupe-dockerd.log), DOCKERD_NICE (default 10: builds and containers,
# which inherit it, leave a shared machine's interactive work its priority).
#
# A dockerd started here also keeps other bridges on this machine working. When dockerd turns ip_forward on it sets
# the iptables FORWARD policy to DROP, and br_netfilter (bridge-nf-call-iptables = 1) sends frames bridged between
# the ports of any Linux bridge through that chain: a netns cluster's veths on its own bridge stop reaching each
# other (seen here; deploy/netns-cluster.sh now accepts its own bridge itself, older checkouts do not). So one rule
# in DOCKER-USER, the chain Docker leaves to its users, accepts frames that are bridged, i.e. stay on the bridge
# they came in on; routed traffic still meets Docker's rules and the DROP policy.
set -euo pipefail

die() { echo "start-dockerd: $*" >&2; exit 1; }

if docker info > /dev/null 2>&1; then
  echo "start-dockerd: the Docker engine is running"
  exit 0
fi
[ "$(id -u)" = 0 ] || die "the Docker engine does not answer and starting dockerd needs root"
command -v dockerd > /dev/null || die "no dockerd on PATH: expected Docker Engine (Debian: apt-get install docker.io)"
if [ -S /var/run/docker.sock ] && pgrep -x dockerd > /dev/null; then
  die "a dockerd process exists but does not answer on /var/run/docker.sock (see its log, or stop it)"
fi

log="${DOCKERD_LOG:-/var/log/troupe-dockerd.log}"
mkdir -p "$(dirname "$log")"
echo "start-dockerd: starting dockerd (log $log)"
# setsid: dockerd outlives this script and the make that ran it.
setsid nice -n "${DOCKERD_NICE:-10}" dockerd >> "$log" 2>&1 < /dev/null &
for _ in $(seq 1 120); do
  docker info > /dev/null 2>&1 && break
  sleep 0.5
done
docker info > /dev/null 2>&1 || { tail -n 20 "$log" >&2; die "dockerd did not answer within 60 s (its log above)"; }

if command -v iptables > /dev/null && iptables -w -n -L DOCKER-USER > /dev/null 2>&1; then
  rule=(DOCKER-USER -m physdev --physdev-is-bridged -j ACCEPT)
  iptables -w -C "${rule[@]}" 2> /dev/null || iptables -w -I "${rule[@]}" \
    || echo "start-dockerd: warning: could not add '${rule[*]}': netns clusters on their own bridges may lose traffic" >&2
fi
echo "start-dockerd: dockerd $(docker version --format '{{.Server.Version}}') is running"
