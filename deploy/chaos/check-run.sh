#!/usr/bin/env bash
# Checks one run dir after a chaos run, from its SQLite journal (sqlite3 CLI) and result files:
#   lost            trials not completed or stopped early (failed, pending, running at the end)
#   duplicated      trials with more than one completed attempt, more than one final result, or an epoch accepted twice
#   doubly_running  trials two of whose attempts overlap in time (an attempt starts before the previous one ended)
#   metrics_mismatch  metrics.jsonl rows that differ from the journal's metrics table (either way), trials.csv statuses
#                   that differ from the journal's
#   final_diff      with a reference run dir (a fault-free run of the same deterministic spec): trials whose status or
#                   final epoch (train_loss, valid_loss, accuracy, bit for bit) differ
# Prints one line of key=value counts; exit 0 when every count is 0, 1 otherwise, 2 on bad input.
#   deploy/chaos/check-run.sh RUN_DIR [REFERENCE_RUN_DIR] [--explain]
set -euo pipefail
run="${1:?usage: check-run.sh RUN_DIR [REFERENCE_RUN_DIR] [--explain]}"
ref="${2:-}"; explain=0
[ "$ref" = --explain ] && { ref=""; explain=1; }
[ "${3:-}" = --explain ] && explain=1
command -v sqlite3 > /dev/null || { echo "check-run: needs the sqlite3 CLI (apt-get install sqlite3)" >&2; exit 2; }
for f in journal.db metrics.jsonl trials.csv; do
  [ -f "$run/$f" ] || { echo "check-run: $run/$f missing" >&2; exit 2; }
done
[ -z "$ref" ] || [ -f "$ref/journal.db" ] || { echo "check-run: reference $ref/journal.db missing" >&2; exit 2; }

q() { sqlite3 -batch -noheader "file:$run/journal.db?mode=ro" "$@"; }

# The problem rows of each check (one line per offending trial or row), counted below.
lost_sql="SELECT trial_id || ' ' || status FROM trials WHERE status NOT IN ('completed', 'stopped') ORDER BY trial_id;"
dup_sql="
  SELECT trial_id || ' completed ' || COUNT(*) || ' times' FROM attempts WHERE outcome = 'completed' GROUP BY trial_id HAVING COUNT(*) > 1
  UNION ALL
  SELECT trial_id || ' final result ' || COUNT(*) || ' times' FROM events WHERE kind = 'final_result' GROUP BY trial_id HAVING COUNT(*) > 1
  UNION ALL
  SELECT trial_id || ' epoch ' || epoch || ' accepted ' || COUNT(*) || ' times' FROM metrics GROUP BY trial_id, epoch HAVING COUNT(*) > 1;"
overlap_sql="
  SELECT a.trial_id || ' #' || a.attempt || ' on ' || a.worker || ' [' || a.started_at || ', ' || COALESCE(a.ended_at, 'never') || ') overlaps #'
         || b.attempt || ' on ' || b.worker || ' from ' || b.started_at
  FROM attempts a JOIN attempts b ON a.trial_id = b.trial_id AND a.attempt < b.attempt
  WHERE julianday(b.started_at) < COALESCE(julianday(a.ended_at), julianday('9999-12-31'));"
# metrics.jsonl read by sqlite itself (one JSON object per line), compared row for row with the journal.
jsonl_cte="
  WITH lines(v) AS (SELECT value FROM json_each('[' || rtrim(replace(rtrim(readfile('$run/metrics.jsonl'), char(10)), char(10), ','), ',') || ']')),
  file(trial_id, attempt, epoch, valid_loss) AS (
    SELECT json_extract(v, '\$.trial'), json_extract(v, '\$.attempt'), json_extract(v, '\$.epoch'), json_extract(v, '\$.valid_loss') FROM lines),
  db(trial_id, attempt, epoch, valid_loss) AS (SELECT trial_id, attempt, epoch, valid_loss FROM metrics)"
mismatch_sql="$jsonl_cte
  SELECT 'metrics.jsonl only: ' || trial_id || ' #' || attempt || ' epoch ' || epoch FROM (SELECT * FROM file EXCEPT SELECT * FROM db)
  UNION ALL
  SELECT 'journal only: ' || trial_id || ' #' || attempt || ' epoch ' || epoch FROM (SELECT * FROM db EXCEPT SELECT * FROM file);"

lost_rows="$(q "$lost_sql")"
dup_rows="$(q "$dup_sql")"
overlap_rows="$(q "$overlap_sql")"
mismatch_rows="$(sqlite3 -batch -noheader ":memory:" "ATTACH 'file:$run/journal.db?mode=ro' AS j; $(sed 's/FROM metrics)/FROM j.metrics)/' <<< "$mismatch_sql")")"
# trials.csv: trial_id,status,... (the first two cells are never quoted)
while IFS=, read -r id status _; do
  [ "$id" = trial_id ] && continue
  journal_status="$(q "SELECT status FROM trials WHERE trial_id = '${id//\'/}';")"
  [ "$journal_status" = "$status" ] || mismatch_rows+=$'\n'"trials.csv: $id $status, journal: ${journal_status:-missing}"
done < "$run/trials.csv"
csv_rows=$(($(wc -l < "$run/trials.csv") - 1))
[ "$csv_rows" = "$(q 'SELECT COUNT(*) FROM trials;')" ] || mismatch_rows+=$'\n'"trials.csv has $csv_rows trials, the journal $(q 'SELECT COUNT(*) FROM trials;')"

final_rows=""
if [ -n "$ref" ]; then
  final_sql="
    ATTACH 'file:$run/journal.db?mode=ro' AS r; ATTACH 'file:$ref/journal.db?mode=ro' AS f;
    WITH
      rl AS (SELECT trial_id, status FROM r.trials), fl AS (SELECT trial_id, status FROM f.trials),
      rm AS (SELECT m.trial_id, m.epoch, m.train_loss AS tl, m.valid_loss AS vl, m.accuracy AS acc,
                    printf('%!.17g|%!.17g|%!.17g', m.train_loss, m.valid_loss, m.accuracy) AS v FROM r.metrics m
             WHERE m.epoch = (SELECT MAX(epoch) FROM r.metrics x WHERE x.trial_id = m.trial_id)),
      fm AS (SELECT m.trial_id, m.epoch, m.train_loss AS tl, m.valid_loss AS vl, m.accuracy AS acc,
                    printf('%!.17g|%!.17g|%!.17g', m.train_loss, m.valid_loss, m.accuracy) AS v FROM f.metrics m
             WHERE m.epoch = (SELECT MAX(epoch) FROM f.metrics x WHERE x.trial_id = m.trial_id))
    SELECT fl.trial_id || ': status ' || COALESCE(rl.status, 'missing') || ' vs ' || fl.status || ', final epoch '
           || COALESCE(rm.epoch, '-') || ' ' || COALESCE(rm.v, '-') || ' vs ' || COALESCE(fm.epoch, '-') || ' ' || COALESCE(fm.v, '-')
    FROM fl LEFT JOIN rl USING (trial_id) LEFT JOIN rm USING (trial_id) LEFT JOIN fm USING (trial_id)
    WHERE rl.status IS NOT fl.status OR rm.epoch IS NOT fm.epoch   -- REAL compared as REAL: bit for bit
       OR rm.tl IS NOT fm.tl OR rm.vl IS NOT fm.vl OR rm.acc IS NOT fm.acc;"
  final_rows="$(sqlite3 -batch -noheader ":memory:" "$final_sql")"
fi

count() { if [ -z "$1" ]; then echo 0; else grep -c . <<< "$1"; fi; }
trials=$(q 'SELECT COUNT(*) FROM trials;')
completed=$(q "SELECT COUNT(*) FROM trials WHERE status = 'completed';")
stopped=$(q "SELECT COUNT(*) FROM trials WHERE status = 'stopped';")
attempts=$(q 'SELECT COUNT(*) FROM attempts;')
lost=$(count "$lost_rows"); dup=$(count "$dup_rows"); overlap=$(count "$overlap_rows")
mismatch=$(count "$(sed '/^$/d' <<< "$mismatch_rows")"); final="-"
[ -n "$ref" ] && final=$(count "$final_rows")
echo "trials=$trials completed=$completed stopped=$stopped attempts=$attempts lost=$lost duplicated=$dup doubly_running=$overlap metrics_mismatch=$mismatch final_diff=$final"
if [ "$explain" = 1 ] || [ "$lost$dup$overlap$mismatch" != 0000 ] || { [ "$final" != - ] && [ "$final" != 0 ]; }; then
  for rows in "$lost_rows" "$dup_rows" "$overlap_rows" "$mismatch_rows" "$final_rows"; do
    sed '/^$/d; s/^/  /' <<< "$rows" >&2
  done
fi
[ "$lost$dup$overlap$mismatch" = 0000 ] && { [ "$final" = - ] || [ "$final" = 0 ]; }
