#!/usr/bin/env bash
# Runs every benchmark area (bench/<area>/run.sh) in one invocation. Each area prints its figures
# and its PyTorch/anchor reference side by side; copy them into docs/benchmarks.md with this command.
set -euo pipefail
cd "$(dirname "$0")/.."
export OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1
status=0
for area in bench/*/run.sh; do
  echo "=== $(dirname "$area")"
  bash "$area" || { echo "benchmark $(dirname "$area") failed" >&2; status=1; }
done
exit $status
