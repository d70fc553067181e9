#!/usr/bin/env bash
# Troupe.Torch vs PyTorch (/usr/bin/python3, same libtorch, 1 thread): steps/s of a 2-layer LSTM
# language-model training step, then RSS growth over a 10,000-step loop inside dispose scopes.
# The two engines alternate for ROUNDS rounds so that load from other processes hits both alike.
# Figures go to docs/benchmarks.md "## Troupe.Torch". Environment: ROUNDS (3), STEPS (200), RSS_STEPS (10000).
set -euo pipefail
cd "$(dirname "$0")/../.."
export OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1
rounds=${ROUNDS:-3} steps=${STEPS:-200} rss_steps=${RSS_STEPS:-10000}
if ! build=$(dotnet build bench/Torch/Troupe.Torch.Bench.csproj -c Release --nologo -v q 2>&1); then
  echo "$build" >&2
  exit 1
fi
troupe=(dotnet bench/Torch/bin/Release/net10.0/Troupe.Torch.Bench.dll)
pytorch=(/usr/bin/python3 bench/Torch/train_step.py)

echo "LSTM LM training step (vocab 30, emb 64, LSTM 64x2, batch 64, seq 16, AdamW), best of 3 x $steps steps per round"
t=() p=()
for ((r = 1; r <= rounds; r++)); do
  line=$("${troupe[@]}" steps "$steps"); echo "round $r: $line"; t+=("${line##* }")
  line=$("${pytorch[@]}" steps "$steps"); echo "round $r: $line"; p+=("${line##* }")
done
# Ratio of the medians (and per round) of steps/s: > 1 means Troupe is faster.
printf '%s\n' "${t[*]}" "${p[*]}" | /usr/bin/python3 -c '
import statistics, sys
t, p = ([float(v) for v in line.split()] for line in sys.stdin)
print("median steps/s: troupe %.1f, pytorch %.1f, ratio %.2fx (per round: %s)" % (
    statistics.median(t), statistics.median(p), statistics.median(t) / statistics.median(p),
    ", ".join("%.2fx" % (a / b) for a, b in zip(t, p))))'

"${troupe[@]}" rss "$rss_steps"
"${pytorch[@]}" rss "$rss_steps"
