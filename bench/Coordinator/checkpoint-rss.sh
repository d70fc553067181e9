#!/usr/bin/env bash
# Coordinator memory under big checkpoints (issue 18): TRIALS noop trials (default 8) on as many one-slot troupe-worker
# processes, every trial finishing an epoch at the same moment with a CHECKPOINT_MB MiB checkpoint (default 64), against
# a coordinator process (`run --listen`). The coordinator pulls each checkpoint as a stream to checkpoints/incoming/
# on disk and its mailbox sees only offers, so its peak RSS must not grow with TRIALS x CHECKPOINT_MB. Reference run in
# the same invocation: the same sweep with 0 MiB checkpoints. Printed: both peaks (VmHWM of the coordinator process,
# sampled every 100 ms until it exits), the growth, and the growth as a share of the checkpoint bytes in flight
# (1.0 would be every checkpoint held whole at once). Needs the apps built (make build).
set -euo pipefail
cd "$(dirname "$0")/../.."
TRIALS=${TRIALS:-8} CHECKPOINT_MB=${CHECKPOINT_MB:-64} EPOCHS=${EPOCHS:-3}
coordinator=src/Coordinator/bin/Release/net10.0/troupe-coordinator.dll
worker=src/Worker.Host/bin/Release/net10.0/troupe-worker.dll
[ -f "$coordinator" ] && [ -f "$worker" ] || { echo "checkpoint-rss: expected $coordinator and $worker (make build), got none" >&2; exit 1; }
work=$(mktemp -d /tmp/troupe-bench-rss.XXXXXX)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
export TROUPE_SECRET=bench-checkpoint-rss TROUPE_TIMING=tight

free_port() { /usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

peak() { # name mb -> coordinator peak RSS in KiB
  local name=$1 mb=$2 port xs
  port=$(free_port)
  xs=$(seq -s ', ' 1 "$TRIALS")
  cat > "$work/$name.yaml" <<YAML
name: rss-$name
data: { kind: human-numbers }
model: noop
train: { epochs: $EPOCHS, batch_size: 64, seq_len: 16 }
params:
  seconds: 1.0
  checkpoint_mb: $mb
  x: grid($xs)
YAML
  dotnet "$coordinator" run "$work/$name.yaml" --listen "127.0.0.1:$port" --min-workers "$TRIALS" --run-dir "$work/$name" \
    --progress-every 0 --log-format text > "$work/$name.log" 2>&1 &
  local c=$! now
  pids+=("$c")
  # This function runs in a command substitution, a subshell the script's EXIT trap does not cover: its own trap stops
  # the processes it started when it fails (an earlier version left 16 workers rejoining a gone coordinator).
  trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done' EXIT
  for i in $(seq 1 "$TRIALS"); do
    dotnet "$worker" --seed "127.0.0.1:$port" --slots 1 --listen "127.0.0.1:$(free_port)" > "$work/$name-worker-$i.log" 2>&1 &
    pids+=($!)
  done
  local hwm=0
  while kill -0 "$c" 2>/dev/null; do
    # A zombie's status has no VmHWM line: keep the last reading.
    now=$(awk '/^VmHWM/ {print $2}' "/proc/$c/status" 2>/dev/null || true)
    [ -n "$now" ] && hwm=$now
    sleep 0.1
  done
  wait "$c" || { echo "checkpoint-rss: the $name sweep failed; its log:" >&2; cat "$work/$name.log" >&2; exit 1; }
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  pids=()
  # Retried attempts would mean checkpoints that did not arrive: say how many there were.
  /usr/bin/python3 - "$work/$name/journal.db" "$name" <<'PY' >&2
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
attempts, trials = (db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in ("attempts", "trials"))
print(f"{sys.argv[2]}: {attempts} attempts for {trials} trials")
PY
  echo "$hwm"
}

reference=$(peak reference 0)
big=$(peak big "$CHECKPOINT_MB")
/usr/bin/python3 - "$reference" "$big" "$TRIALS" "$CHECKPOINT_MB" "$EPOCHS" <<'PY'
import sys
ref, big, trials, mb, epochs = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
growth = (big - ref) / 1024
print(f"checkpoint memory: {trials} trials x {epochs} epochs, each epoch's checkpoint {mb} MiB, all trials in step: coordinator peak RSS "
      f"{big / 1024:.0f} MiB vs {ref / 1024:.0f} MiB with empty checkpoints (reference): growth {growth:.0f} MiB = "
      f"{growth / (trials * mb):.2f} of the {trials * mb} MiB in flight per epoch")
PY
