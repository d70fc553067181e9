#!/usr/bin/env bash
# In-process messaging benchmarks of Akka.NET as Troupe runs it (Release): ping-pong (pairs = cores), fan-in, ask latency.
# Figures go to docs/benchmarks.md "## Actors". Extra arguments pass through (e.g. "pingpong --rounds 3").
set -euo pipefail
cd "$(dirname "$0")/../.."
if ! build=$(dotnet build bench/Actors/Troupe.Bench.Actors.csproj -c Release --nologo -v q 2>&1); then
  echo "$build" >&2
  exit 1
fi
dotnet bench/Actors/bin/Release/net10.0/Troupe.Bench.Actors.dll "$@"
