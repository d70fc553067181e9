#!/usr/bin/env bash
# Chaos runs on the netns cluster (deploy/netns-cluster.sh): each run starts the real troupe-coordinator (cluster mode:
# TROUPE_LISTEN, TROUPE_MIN_WORKERS) and W real troupe-worker processes, each in its own network namespace, on the
# deterministic chaos sweep and, at random times drawn from the run's seed, kills workers with kill -9 (restarted a few
# seconds later), partitions one worker for 10 s, and kills the coordinator with kill -9 and restarts it (it resumes
# its run dir). Afterwards deploy/chaos/check-run.sh checks the run dir against a fault-free reference run: every trial
# finished exactly once, none ran on two workers at once, metrics files agree with the journal, final metrics equal.
# One summary line per run and a total with p50/p99 over the runs of:
#   detection  a worker's kill -9 (the harness's clock, taken before the signal) -> the coordinator's first
#              `member unreachable` or `worker ... lost` line for it (its log, stamped with the harness's clock as
#              each line appears)
#   lost       the same kill -9 -> the coordinator's `worker ... lost` line (the node downed, its trials requeued)
#   restart    a lost attempt ended in the journal (the coordinator gave it up: worker lost) -> the moved trial's
#              next attempt trains again (its first batch, journaled as `training`); includes waiting for a free slot
#   resume     the coordinator's restart (harness clock, before the process exists) -> `experiment_resumed` journaled
# Per run in OUT/run-NN: story.txt (the faults and the coordinator's log on one clock), coordinator.log (stamped),
# times.txt (each sample), check-details.txt, nodes/*/log. Journal times and the harness's are the same machine clock.
#
#   deploy/chaos/chaos.sh [--runs N] [--seed S] [--workers W] [--timing default|tight] [--spec FILE] [--timeout SECONDS]
#                         [--reference RUN_DIR] [--out DIR]
#
# Root required (ip netns). `make chaos N=20` runs it after a build. --timing is the failure detector's (TROUPE_TIMING;
# default: Akka's, as deployed). TROUPE_NETNS_COORDINATOR_CMD / TROUPE_NETNS_WORKER_CMD pass through to
# netns-cluster.sh (stand-ins for the executables; not needed). TROUPE_NETNS_NAME (default chaos) names the cluster.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
CLUSTER="$ROOT/deploy/netns-cluster.sh"
CHECK="$HERE/check-run.sh"
RUNS=20; SEED=1; WORKERS=3; TIMING=default; SPEC="$HERE/chaos-sweep.yaml"; TIMEOUT=600; REFERENCE=""; OUT="$ROOT/build/chaos"
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) RUNS="$2"; shift 2 ;;
    --seed) SEED="$2"; shift 2 ;;
    --workers) WORKERS="$2"; shift 2 ;;
    --timing) TIMING="$2"; shift 2 ;;
    --spec) SPEC="$(realpath "$2")"; shift 2 ;;
    --timeout) TIMEOUT="$2"; shift 2 ;;
    --reference) REFERENCE="$(realpath "$2")"; shift 2 ;;
    --out) OUT="$(realpath -m "$2")"; shift 2 ;;
    -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "chaos: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
[[ "$RUNS" =~ ^[0-9]+$ && "$SEED" =~ ^[0-9]+$ && "$WORKERS" =~ ^[0-9]+$ && "$WORKERS" -ge 2 ]] \
  || { echo "chaos: --runs, --seed: numbers; --workers: at least 2" >&2; exit 2; }
[[ "$TIMING" =~ ^(default|tight)$ ]] || { echo "chaos: --timing: expected default or tight, got '$TIMING'" >&2; exit 2; }
command -v perl > /dev/null || { echo "chaos: needs perl (stamps the coordinator's log lines)" >&2; exit 2; }
[ "$(id -u)" = 0 ] || { echo "chaos: needs root (ip netns)" >&2; exit 2; }
command -v sqlite3 > /dev/null || { echo "chaos: needs the sqlite3 CLI" >&2; exit 2; }
if [ -z "${TROUPE_NETNS_WORKER_CMD:-}" ] && [ -z "$(find "$ROOT/src" -path '*/bin/Release/net10.0/troupe-worker.dll' -print -quit)" ]; then
  echo "chaos: no troupe-worker.dll under src/*/bin/Release/net10.0/: build the worker executable (the cluster mode) first" >&2
  exit 2
fi

export TROUPE_NETNS_NAME="${TROUPE_NETNS_NAME:-chaos}" TROUPE_NETNS_SPEC="$SPEC" TROUPE_NETNS_MIN_WORKERS="$WORKERS" TROUPE_NETNS_TIMING="$TIMING"
SUBNET="${TROUPE_NETNS_SUBNET:-10.77.0}"   # netns-cluster.sh's: worker-I is SUBNET.(10+I), port 4054
mkdir -p "$OUT"
now() { date -u +%Y-%m-%dT%H:%M:%S.%3NZ; }
secs() { date +%s.%N; }

# Every line the coordinator writes, as it appears (tail follows through inotify), with the harness's clock in front:
# the log's own times are seconds since the coordinator started, too coarse for detection times.
stamp_lines() {
  exec perl -MPOSIX=strftime -MTime::HiRes=time -ne 'BEGIN { $| = 1 } my $t = time;
    printf "%s.%03dZ %s", strftime("%Y-%m-%dT%H:%M:%S", gmtime($t)), ($t - int($t)) * 1000, $_'
}

# One cluster run in STATE: up, the fault plan on stdin ("SECONDS ACTION NODE" lines, sorted), wait, down.
# Prints the coordinator's exit code.
cluster_run() {
  local state="$1" t0 at action node rc stamp_pid
  export TROUPE_NETNS_STATE="$state"
  rm -rf "$state"; mkdir -p "$state"
  # A cluster that cannot come up fails the run now (exit 125), instead of playing the faults and waiting out --timeout.
  if ! "$CLUSTER" up "$WORKERS" > /dev/null < /dev/null 2>> "$state/chaos-errors.log"; then
    tail -n 3 "$state/chaos-errors.log" >&2
    "$CLUSTER" down > /dev/null 2>&1 || true
    echo 125
    return
  fi
  tail -n +1 -F "$state/nodes/coordinator/log" 2> /dev/null > >(stamp_lines > "$state/coordinator.log") &
  stamp_pid=$!
  t0="$(secs)"
  while read -r at action node; do
    [ -n "$at" ] || continue
    sleep "$(awk -v at="$at" -v t0="$t0" -v now="$(secs)" 'BEGIN { d = at - (now - t0); print (d > 0 ? d : 0) }')"
    # The coordinator exited by itself (not our kill -9): the sweep is over, later faults have nothing to hit.
    if [ -s "$state/nodes/coordinator/rc" ] && [ "$(cat "$state/nodes/coordinator/rc")" != 137 ]; then
      echo "$(now) skipped $action $node: the sweep already finished" >> "$state/events.log"; continue
    fi
    case "$action" in
      kill | start) "$CLUSTER" "$action" "$node" > /dev/null < /dev/null 2>> "$state/chaos-errors.log" \
                      || echo "$(now) skipped $action $node: $(tail -n 1 "$state/chaos-errors.log")" >> "$state/events.log" ;;
      *) "$CLUSTER" "$action" "$node" > /dev/null < /dev/null ;;
    esac
  done
  set +e; "$CLUSTER" wait coordinator "$TIMEOUT" > /dev/null; rc=$?; set -e
  "$CLUSTER" down > /dev/null
  sleep 0.5; kill "$stamp_pid" 2> /dev/null || true; wait "$stamp_pid" 2> /dev/null || true
  echo "$rc"
}

# The story a user reads: the harness's faults and the coordinator's log lines (not its epoch rows) on one clock;
# journal-events.txt beside it has the journal's events (without per-epoch results).
write_story() {
  local state="$1"
  sqlite3 -batch -noheader "file:$state/run/journal.db?mode=ro" \
    "SELECT strftime('%Y-%m-%dT%H:%M:%fZ', at) || ' [journal] ' || kind || COALESCE(' ' || trial_id || '#' || attempt, '') || COALESCE(' epoch ' || epoch, '') || COALESCE(': ' || detail, '')
     FROM events WHERE kind NOT IN ('result') ORDER BY seq;" > "$state/journal-events.txt" 2> /dev/null || true
  { sed 's/^\([^ ]*\) /\1 [fault] /' "$state/events.log"
    grep -avE '^[^ ]+ (trial-[0-9]|trial +epoch)' "$state/coordinator.log" | sed 's/^\([^ ]*\) /\1 [coordinator] /'
  } | sort -s -k1,1 > "$state/story.txt"
}

# Seconds from UTC time A to UTC time B (ISO 8601, milliseconds), by SQLite's julianday.
span() { sqlite3 -batch -noheader ":memory:" "SELECT printf('%.3f', (julianday('$2') - julianday('$1')) * 86400);"; }

# This run's samples in seconds, appended to OUT/{detection,lost,restart,resume}.txt, and each with what it spans to
# STATE/times.txt. Detection: kill -9 of worker-I (events.log) -> the first coordinator line after it that marks
# SUBNET.(10+I):4054 unreachable or lost (coordinator.log, stamped); lost: -> its `worker ... lost` line; restart: an attempt ended `lost` -> the next
# attempt's `training` event (journal); resume: the coordinator started again -> `experiment_resumed` (journal).
measure() {
  local state="$1" db="file:$1/run/journal.db?mode=ro" at node addr seen s trial a worker ended b trains detail
  : > "$state/times.txt"
  while read -r at node; do
    addr="$SUBNET.$((10 + ${node#worker-})):4054"
    seen="$(awk -v k="$at" -v a="$addr" '$1 > k && (index($0, " member  unreachable akka.ssl.tcp://troupe@" a " ") || index($0, " worker  " a " lost")) { print $1; exit }' \
      "$state/coordinator.log")"
    if [ -z "$seen" ]; then echo "detection -: $node ($addr) killed at $at, no unreachable or lost line for it" >> "$state/times.txt"; continue; fi
    s="$(span "$at" "$seen")"; echo "$s" >> "$OUT/detection.txt"
    echo "detection ${s}s: $node ($addr) killed at $at, the coordinator logged it unreachable or lost at $seen" >> "$state/times.txt"
    seen="$(awk -v k="$at" -v a="$addr" '$1 > k && index($0, " worker  " a " lost") { print $1; exit }' "$state/coordinator.log")"
    if [ -z "$seen" ]; then echo "lost -: $node ($addr) killed at $at, no worker lost line for it" >> "$state/times.txt"; continue; fi
    s="$(span "$at" "$seen")"; echo "$s" >> "$OUT/lost.txt"
    echo "lost ${s}s: $node ($addr) killed at $at, the coordinator logged it lost (trials requeued) at $seen" >> "$state/times.txt"
  done < <(awk '$2 == "killed" && $3 ~ /^worker-/ { print $1, $3 }' "$state/events.log")
  while read -r s trial a worker ended b trains detail; do
    echo "$s" >> "$OUT/restart.txt"
    echo "restart ${s}s: $trial#$a lost with $worker at $ended, #$b trains $detail at $trains" >> "$state/times.txt"
  done < <(sqlite3 -batch -noheader -separator ' ' "$db" "
      SELECT printf('%.3f', (julianday(t.at) - julianday(a.ended_at)) * 86400), a.trial_id, a.attempt, a.worker,
             strftime('%Y-%m-%dT%H:%M:%fZ', a.ended_at), t.attempt, strftime('%Y-%m-%dT%H:%M:%fZ', t.at), t.detail
      FROM attempts a JOIN events t ON t.kind = 'training' AND t.trial_id = a.trial_id AND t.attempt = a.attempt + 1
      WHERE a.outcome = 'lost' ORDER BY a.ended_at;" 2> /dev/null)
  while read -r at; do
    seen="$(sqlite3 -batch -noheader "$db" "SELECT strftime('%Y-%m-%dT%H:%M:%fZ', MIN(at)) FROM events WHERE kind = 'experiment_resumed' AND julianday(at) > julianday('$at');")"
    if [ -z "$seen" ]; then echo "resume -: coordinator started again at $at, never resumed" >> "$state/times.txt"; continue; fi
    s="$(span "$at" "$seen")"; echo "$s" >> "$OUT/resume.txt"
    echo "resume ${s}s: coordinator started again at $at, experiment_resumed at $seen" >> "$state/times.txt"
  done < <(awk '/ started coordinator/ { n++; if (n > 1) print $1 }' "$state/events.log")
}

# One run's samples of KIND from its times.txt, as "1.23s 4.56s" (or "-").
samples() { awk -v k="$2" '$1 == k && $2 != "-:" { sub(/:$/, "", $2); printf "%s%s", (n++ ? " " : ""), $2 } END { if (!n) printf "-" }' "$1/times.txt"; }

percentile() {   # FILE P: nearest-rank percentile, or "-" for no samples
  [ -s "$1" ] || { echo "-"; return; }
  sort -n "$1" | awk -v p="$2" '{ v[NR] = $1 } END { r = int((p / 100) * NR + 0.999999); if (r < 1) r = 1; printf "%.2fs", v[r] }'
}

# The fault-free reference: its final metrics are what every chaos run must end with (deterministic spec), and its
# wall time spreads the faults over the sweep.
if [ -z "$REFERENCE" ]; then
  start="$(secs)"
  rc="$(cluster_run "$OUT/reference" < /dev/null)"
  REF_SECONDS="$(awk -v a="$start" -v b="$(secs)" 'BEGIN { printf "%.1f", b - a }')"
  [ "$rc" = 0 ] || { echo "chaos: the fault-free reference run exited $rc (logs in $OUT/reference/nodes)" >&2; exit 1; }
  REFERENCE="$OUT/reference/run"
  echo "reference: fault-free run in ${REF_SECONDS}s, $("$CHECK" "$REFERENCE")"
else
  REF_SECONDS="${CHAOS_WINDOW:-60}"
fi

rm -f "$OUT"/{detection,lost,restart,resume}.txt
passed=0; failed=0; lost_total=0; dup_total=0; overlap_total=0
for ((i = 1; i <= RUNS; i++)); do
  seed=$((SEED + i - 1))
  # The fault plan from the seed alone (one awk program: bash reseeds $RANDOM in every subshell), spread over the
  # reference run's wall time T: two worker kills in [0.1T, 0.7T], each restarted 2-6 s later; one worker
  # partitioned in [0.1T, 0.6T] for 10 s; the coordinator killed in [0.2T, 0.7T] and restarted 1-3 s later.
  plan="$(awk -v seed="$seed" -v T="$REF_SECONDS" -v W="$WORKERS" 'BEGIN {
      srand(seed)
      for (k = 0; k < 2; k++) {
        w = "worker-" (int(rand() * W) + 1); t = T * (0.1 + 0.6 * rand()); b = 2 + int(rand() * 5)
        printf "%.1f kill %s\n%.1f start %s\n", t, w, t + b, w
      }
      w = "worker-" (int(rand() * W) + 1); t = T * (0.1 + 0.5 * rand())
      printf "%.1f partition %s\n%.1f heal %s\n", t, w, t + 10, w
      t = T * (0.2 + 0.5 * rand()); b = 1 + int(rand() * 3)
      printf "%.1f kill coordinator\n%.1f start coordinator\n", t, t + b
    }' | sort -n)"
  state="$OUT/run-$(printf %02d "$i")"
  rc="$(cluster_run "$state" <<< "$plan")"
  write_story "$state"
  result="$("$CHECK" "$state/run" "$REFERENCE" 2> "$state/check-details.txt")" && ok=1 || ok=0
  [ "$rc" = 0 ] || ok=0
  measure "$state"
  faults="$(grep -E ' (killed|partitioned|started coordinator|skipped)' "$state/events.log" | grep -v 'started coordinator pid [0-9]* at [0-9.]*$' | awk '{ $1 = ""; print }' | paste -sd ';' | sed 's/^ //; s/; /; /g')"
  [ -n "$result" ] || result="no check: $(head -n 1 "$state/check-details.txt")"
  get() { local v; v="$(sed -n "s/.* $1=\([0-9]*\).*/\1/p" <<< " $result")"; echo "${v:-0}"; }
  lost_total=$((lost_total + $(get lost))); dup_total=$((dup_total + $(get duplicated))); overlap_total=$((overlap_total + $(get doubly_running)))
  if [ "$ok" = 1 ]; then passed=$((passed + 1)); verdict=PASS; else failed=$((failed + 1)); verdict="FAIL (details: $state/check-details.txt, story: $state/story.txt)"; fi
  echo "run $(printf %02d "$i") seed $seed: exit $rc | $result | faults: $(grep -c ' killed worker-' "$state/events.log") worker kill -9, $(grep -c ' partitioned ' "$state/events.log") partition, $(grep -c ' killed coordinator' "$state/events.log") coordinator kill -9 + resume | detection $(samples "$state" detection), lost $(samples "$state" lost), restart $(samples "$state" restart), resume $(samples "$state" resume) | $verdict"
  [ -z "${CHAOS_VERBOSE:-}" ] || echo "  faults: $faults"
done
echo "total: $RUNS runs, $passed passed, $failed failed; lost $lost_total, duplicated $dup_total, doubly running $overlap_total;" \
     "detection p50 $(percentile "$OUT/detection.txt" 50) p99 $(percentile "$OUT/detection.txt" 99);" \
     "worker lost p50 $(percentile "$OUT/lost.txt" 50) p99 $(percentile "$OUT/lost.txt" 99);" \
     "restart after loss p50 $(percentile "$OUT/restart.txt" 50) p99 $(percentile "$OUT/restart.txt" 99);" \
     "coordinator resume p50 $(percentile "$OUT/resume.txt" 50) p99 $(percentile "$OUT/resume.txt" 99)"
[ "$failed" = 0 ]
