#!/usr/bin/env bash
# Gloo allreduce bus bandwidth, 2 ranks (two OS processes each) on loopback: Troupe.Torch's
# ProcessGroup, then PyTorch's torch.distributed gloo (/usr/bin/python3) in the same invocation.
# Figures go to docs/benchmarks.md "## Gloo collectives".
set -euo pipefail
cd "$(dirname "$0")/../.."
export OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 GLOO_SOCKET_IFNAME=lo
if ! build=$(dotnet build bench/Gloo/Troupe.Torch.Bench.Gloo.csproj -c Release --nologo -v q 2>&1); then
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

echo "engine  case                        bytes  iters   us/allreduce  busbw GB/s"
two_ranks dotnet bench/Gloo/bin/Release/net10.0/Troupe.Torch.Bench.Gloo.dll
two_ranks /usr/bin/python3 bench/Gloo/allreduce.py
