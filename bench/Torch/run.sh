#!/usr/bin/env bash
# TorchSharp vs PyTorch (/usr/bin/python3: PyTorch 1.13.1; TorchSharp runs libtorch 2.10; 1 thread): steps/s of a 2-layer LSTM
# language-model training step, then RSS growth over a 10,000-step loop inside dispose scopes.
# The two engines alternate for ROUNDS rounds so that load from other processes hits both alike.
# Figures go to docs/benchmarks.md "## TorchSharp". Environment: ROUNDS (3), STEPS (200), RSS_STEPS (10000).
set -euo pipefail
cd "$(dirname "$0")/../.."
export OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1
rounds=${ROUNDS:-3} steps=${STEPS:-200} rss_steps=${RSS_STEPS:-10000}
if ! build=$(dotnet build bench/Torch/Troupe.Bench.Torch.csproj -c Release --nologo -v q 2>&1); then
  echo "$build" >&2
  exit 1
fi
troupe=(dotnet bench/Torch/bin/Release/net10.0/Troupe.Bench.Torch.dll)
pytorch=(/usr/bin/python3 bench/Torch/train_step.py)

echo "LSTM LM training step (vocab 30, emb 64, LSTM 64x2, batch 64, seq 16, AdamW), best of 3 x $steps steps per round"
lines=()
for ((r = 1; r <= rounds; r++)); do
  for engine in troupe pytorch; do
    [ "$engine" = troupe ] && cmd=("${troupe[@]}") || cmd=("${pytorch[@]}")
    line=$("${cmd[@]}" steps "$steps"); echo "round $r: $line"; lines+=("$line")
  done
done
# Medians over rounds of wall-clock steps/s and of steps per CPU-second; ratio > 1: Troupe is faster.
printf '%s\n' "${lines[@]}" | /usr/bin/python3 -c '
import statistics, sys
rows = [line.split() for line in sys.stdin]
for what, col in (("steps/s (wall)", 2), ("steps per CPU-second", 4)):
    t = statistics.median(float(r[col]) for r in rows if r[0] == "troupe")
    p = statistics.median(float(r[col]) for r in rows if r[0] == "pytorch")
    print("median %s: troupe %.1f, pytorch %.1f, ratio %.2fx" % (what, t, p, t / p))'

"${troupe[@]}" rss "$rss_steps"
"${pytorch[@]}" rss "$rss_steps"
"${troupe[@]}" wdrop "${WDROP_STEPS:-20}"
