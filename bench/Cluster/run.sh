#!/usr/bin/env bash
# Remoting and failure-detection benchmarks of Akka.Remote/Akka.Cluster with Troupe's node configuration (Release), two processes on loopback:
# remote ping-pong (Akka's RemotePingPong: N clients, 50 in flight each), round-trip latency at light load,
# kill -9 detection time (median of 5) with default and tight failure-detector settings, and a 256 MB checkpoint
# transfer (stream ref vs a raw TCP socket, same run).
# Figures go to docs/benchmarks.md "## Cluster". Extra arguments pass through (e.g. "pingpong --quick").
set -euo pipefail
cd "$(dirname "$0")/../.."
if ! build=$(dotnet build bench/Cluster/Troupe.Bench.Cluster.csproj -c Release --nologo -v q 2>&1); then
  echo "$build" >&2
  exit 1
fi
dotnet bench/Cluster/bin/Release/net10.0/Troupe.Bench.Cluster.dll "$@"
