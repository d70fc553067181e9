#!/usr/bin/env bash
# Data-parallel AWD-LSTM throughput on WikiText-2: 1 replica (a plain Learner), then 2 replicas (two OS
# processes, one intra-op thread each, Gloo on loopback), and the scaling ratio; then the Gloo allreduce
# bus bandwidth (bench/Gloo). Figures go to docs/benchmarks.md "## Data parallelism".
# Config: EMB HID LAYERS BS BPTT STEPS WARMUP (see bench/DataParallel/Program.cs); WIKITEXT overrides the data folder.
set -euo pipefail
cd "$(dirname "$0")/../.."
export OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 GLOO_SOCKET_IFNAME=lo
data=${WIKITEXT:-../shared/data/wikitext-2}
if ! build=$(dotnet build bench/DataParallel/Troupe.Training.Bench.DataParallel.csproj -c Release --nologo -v q 2>&1); then
  echo "$build" >&2
  exit 1
fi
bench=bench/DataParallel/bin/Release/net10.0/Troupe.Training.Bench.DataParallel.dll
free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
echo "config: emb ${EMB:-200} hidden ${HID:-400} layers ${LAYERS:-3} bs ${BS:-80} bptt ${BPTT:-70} steps ${STEPS:-20} (after ${WARMUP:-2} warm-up)"

one=$(dotnet "$bench" 0 1 0 "$data")
echo "$one"
port=$(free_port)
dotnet "$bench" 1 2 "$port" "$data" > /tmp/troupe-dp-bench-rank1.$$ & peer=$!
two=$(dotnet "$bench" 0 2 "$port" "$data")
wait "$peer"
two="$(cat /tmp/troupe-dp-bench-rank1.$$)
$two"
rm -f /tmp/troupe-dp-bench-rank1.$$
echo "$two"
t1=$(awk '/^group 1 /{print $4}' <<<"$one")
t2=$(awk '/^group 2 /{print $4}' <<<"$two")
c1=$(awk '/^replica 0\/1 /{print $10}' <<<"$one")
c2=$(awk '/^replica [0-9]+\/2 /{s += $10} END {print s}' <<<"$two")
awk -v a="$t1" -v b="$t2" 'BEGIN { printf "scaling 2 replicas / 1 replica (wall tokens/s): %.2fx\n", b / a }'
# Each replica's tokens per CPU-second of its own process, summed: the throughput if every replica had a core of
# its own, as on an idle 2-core machine (time blocked in allreduce waits costs no CPU, so this leaves out waiting).
awk -v a="$c1" -v b="$c2" 'BEGIN { printf "scaling 2 replicas / 1 replica (tokens per CPU-second, summed over replicas): %.2fx\n", b / a }'

echo "--- Gloo allreduce (bench/Gloo)"
bash bench/Gloo/run.sh
