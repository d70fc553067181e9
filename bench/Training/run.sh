#!/usr/bin/env bash
# Chapter 12's LMModel1-7 with the book's recipes: Troupe.Training vs the same loop in PyTorch
# (/usr/bin/python3, same libtorch, 1 thread), alternating per model so load from other processes hits both
# alike. Figures go to docs/benchmarks.md "## Training". Environment: MODELS (all seven), ROUNDS (1).
set -euo pipefail
cd "$(dirname "$0")/../.."
export OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1
models=${MODELS:-"lmmodel1 lmmodel2 lmmodel3 lmmodel4 lmmodel5 lmmodel6 lmmodel7"} rounds=${ROUNDS:-1}
if ! build=$(dotnet build bench/Training/Troupe.Training.Bench.csproj -c Release --nologo -v q 2>&1); then
  echo "$build" >&2
  exit 1
fi
troupe=(dotnet bench/Training/bin/Release/net10.0/Troupe.Training.Bench.dll)
data=$(mktemp -d); trap 'rm -rf "$data"' EXIT
"${troupe[@]}" write-data "$data"

echo "engine  model  epochs  fit_s  train_tok/s  cpu_s  accuracy"
lines=()
for ((r = 1; r <= rounds; r++)); do
  for m in $models; do
    line=$("${troupe[@]}" "$m"); echo "$line"; lines+=("$line")
    line=$(/usr/bin/python3 bench/Training/book_models.py "$data" "$m"); echo "$line"; lines+=("$line")
  done
done
# Median over rounds per model; ratio > 1: Troupe is faster (wall time, and CPU time which load does not inflate).
printf '%s\n' "${lines[@]}" | /usr/bin/python3 -c '
import statistics, sys
rows = [l.split() for l in sys.stdin]
print("| model | epochs | Troupe fit s | PyTorch fit s | ratio (wall) | ratio (CPU) | Troupe tok/s | PyTorch tok/s | Troupe acc | PyTorch acc |")
print("|---|---|---|---|---|---|---|---|---|---|")
for m in dict.fromkeys(r[1] for r in rows):
    t = [r for r in rows if r[0] == "troupe" and r[1] == m]; p = [r for r in rows if r[0] == "pytorch" and r[1] == m]
    med = lambda rs, c: statistics.median(float(r[c]) for r in rs)
    print("| %s | %s | %.1f | %.1f | %.2fx | %.2fx | %.0f | %.0f | %.3f | %.3f |" % (m, t[0][2], med(t, 3), med(p, 3), med(p, 3) / med(t, 3),
          med(p, 5) / med(t, 5), med(t, 4), med(p, 4), med(t, 6), med(p, 6)))'
