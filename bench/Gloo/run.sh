#!/usr/bin/env bash
# Gloo allreduce bus bandwidth, 2 ranks (two OS processes each) on loopback: Troupe.Collectives' ProcessGroup
# (standalone Gloo through libtroupe_gloo.so), then PyTorch's torch.distributed gloo (/usr/bin/python3), alternating
# for ROUNDS rounds (default 3) in the same invocation, then the Troupe / PyTorch ratio of the medians per case.
# Figures go to docs/benchmarks.md "## Gloo collectives".
set -euo pipefail
cd "$(dirname "$0")/../.."
export OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 GLOO_SOCKET_IFNAME=lo
ROUNDS=${ROUNDS:-3}
if ! build=$(dotnet build bench/Gloo/Troupe.Collectives.Bench.Gloo.csproj -c Release --nologo -v q 2>&1); then
  echo "$build" >&2
  exit 1
fi
free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# Runs "$@ <rank> 2 <port>" as rank 1 in the background and rank 0 in the foreground.
two_ranks() {
  local port peer status=0
  port=$(free_port)
  "$@" 1 2 "$port" & peer=$!
  "$@" 0 2 "$port" || status=$?
  wait "$peer" || status=$?
  return $status
}

lines=$(mktemp)
trap 'rm -f "$lines"' EXIT
echo "engine  case                        bytes  iters   us/allreduce  busbw GB/s"
for round in $(seq 1 "$ROUNDS"); do
  two_ranks dotnet bench/Gloo/bin/Release/net10.0/Troupe.Collectives.Bench.Gloo.dll | tee -a "$lines"
  two_ranks /usr/bin/python3 bench/Gloo/allreduce.py | tee -a "$lines"
done
# Medians per engine and case over the rounds; ratio = Troupe's bus bandwidth / PyTorch's (= PyTorch's time / Troupe's).
echo "case                    troupe GB/s  pytorch GB/s  ratio (medians of $ROUNDS rounds)"
/usr/bin/python3 - "$lines" <<'PY'
import statistics, sys
runs = {}
for line in open(sys.argv[1]):
    engine, case, nbytes, _, micros, _ = line.split()
    runs.setdefault(case, {"bytes": int(nbytes)}).setdefault(engine, []).append(float(micros))
for case, r in runs.items():
    t, p = statistics.median(r["troupe"]), statistics.median(r["pytorch"])
    busbw = lambda us: r["bytes"] / us / 1e3  # GB/s for 2 ranks
    print(f"{case:<22} {busbw(t):>12.4f} {busbw(p):>13.4f} {p / t:>7.2f}x")
PY
