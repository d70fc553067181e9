#!/usr/bin/env bash
# Coordinator benchmarks (figures go to docs/benchmarks.md "## Coordinator"):
#  1. scheduling overhead: NOOP_TRIALS trials of the built-in noop kind (NOOP_SECONDS each) on 2 local slots;
#     overhead = wall / (trials x seconds / slots) - 1 (Ray Tune publishes 14% on 1-second trials);
#  2. LMModel7 (the book's config, EPOCHS epochs) x TRIALS on 2 local slots vs the same trials one after another
#     (1 slot): efficiency = speedup / 2, and per trial the share of its attempt's wall time not spent in epochs.
# Defaults are the issue's (16 trials x 15 epochs, the book's LMModel7 recipe; 1,000 x 0.1 s); TRIALS=4 EPOCHS=3 for a quick look.
# The grid repeats the one config TRIALS times (each trial has its own seed).
set -euo pipefail
cd "$(dirname "$0")/../.."
TRIALS=${TRIALS:-16} EPOCHS=${EPOCHS:-15} NOOP_TRIALS=${NOOP_TRIALS:-1000} NOOP_SECONDS=${NOOP_SECONDS:-0.1}
if ! build=$(dotnet build src/Coordinator -c Release --nologo -v q 2>&1); then echo "$build" >&2; exit 1; fi
exe=(dotnet src/Coordinator/bin/Release/net10.0/troupe-coordinator.dll)
work=$(mktemp -d /tmp/troupe-bench-coordinator.XXXXXX)
trap 'rm -rf "$work"' EXIT

cat > "$work/noop.yaml" <<YAML
name: bench-noop
data: { kind: human-numbers }
model: noop
train: { epochs: 1, batch_size: 64, seq_len: 16 }
params:
  seconds: $NOOP_SECONDS
  x: uniform(0, 1)
search: { kind: random, samples: $NOOP_TRIALS, seed: 1 }
YAML
cat > "$work/lstm.yaml" <<YAML
name: bench-lmmodel7
data: { kind: human-numbers }
model: lmmodel7
train: { epochs: $EPOCHS, batch_size: 64, seq_len: 16 }
params:
  lr: 1e-2
search: { kind: grid, samples: $TRIALS }
YAML

run() { # name spec workers
  local start end
  start=$(date +%s.%N)
  "${exe[@]}" run "$2" --local-workers "$3" --run-dir "$work/$1" --progress-every 0 --log-format json > "$work/$1.log"
  end=$(date +%s.%N)
  /usr/bin/python3 -c "print($end - $start)"
}

noop=$(run noop "$work/noop.yaml" 2)
par=$(run par "$work/lstm.yaml" 2)
seq=$(run seq "$work/lstm.yaml" 1)
/usr/bin/python3 - "$work" "$noop" "$par" "$seq" "$NOOP_TRIALS" "$NOOP_SECONDS" "$TRIALS" "$EPOCHS" <<'PY'
import sqlite3, sys, datetime
work, noop, par, seq = sys.argv[1], *map(float, sys.argv[2:5])
noop_trials, noop_seconds, trials, epochs = int(sys.argv[5]), float(sys.argv[6]), int(sys.argv[7]), int(sys.argv[8])
ideal = noop_trials * noop_seconds / 2
print(f"noop: {noop_trials} trials x {noop_seconds} s on 2 slots: {noop:.1f} s wall (process start to exit), ideal {ideal:.1f} s, "
      f"overhead {noop / ideal - 1:.1%} ({(noop - ideal) * 2 / noop_trials * 1000:.1f} ms per trial per slot)")
def shares(name):
    db = sqlite3.connect(f"{work}/{name}/journal.db")
    t = lambda s: datetime.datetime.fromisoformat(s).timestamp()
    out = []
    for trial, start, end in db.execute("SELECT trial_id, started_at, ended_at FROM attempts"):
        train = db.execute("SELECT SUM(seconds) FROM metrics WHERE trial_id = ?", (trial,)).fetchone()[0]
        wall = t(end) - t(start)
        out.append((wall - train) / wall)
    return out
s = shares("par")
print(f"lmmodel7: {trials} trials x {epochs} epochs: 2 slots {par:.1f} s, 1 slot {seq:.1f} s: speedup {seq / par:.2f}x, efficiency {seq / par / 2:.2f}; "
      f"per trial not in epochs (2 slots): mean {sum(s) / len(s):.1%}, max {max(s):.1%}")
PY
bash "$(dirname "$0")/checkpoint-rss.sh"
