#!/usr/bin/env bash
# make compose-test: docker-compose.yml and deploy/Dockerfile for real (root; not in CI: it builds images).
#
#   deploy/compose-test.sh [--rebuild]      --rebuild: build the image (and stand-in base images) again, no cache
#
# 1. Starts dockerd when no engine answers (deploy/start-dockerd.sh).
# 2. Base images: Microsoft's .NET SDK and runtime images when present or pullable, else local stand-ins
#    (deploy/standin/build-standins.sh: debootstrap + docker import, this machine's SDK). Then the image itself,
#    `docker build -f deploy/Dockerfile` with those as SDK_IMAGE / RUNTIME_IMAGE. Existing images are reused.
# 3. Brings up the cluster with docker-compose.yml (+ deploy/compose-test/override.yml: a network on a fixed subnet)
#    as its own compose project: the coordinator and 3 workers, TROUPE_TIMING=tight, running the sweep
#    deploy/compose-test/sweep.yaml (16 LMModel7 trials of 8 epochs; experiments/human-numbers.yaml is over in ~20 s).
# 4. While the sweep trains: `docker kill` of the worker running the first trial that reported an epoch (the trial
#    must resume on another worker from its checkpoint); the worker count is restored; `restart coordinator` (the
#    run resumes from its journal); a worker with a wrong cluster secret (it must be refused, the sweep unaffected).
# 5. Waits for the coordinator to exit 0, checks the run dir from the volume (deploy/chaos/check-run.sh: 0 lost,
#    0 duplicated or doubly running trials, metrics files consistent with the journal) and the coordinator's compose
#    log (epoch table, membership and placement lines), then `down -v`. Last line:
#    `compose: N trials, 0 lost, 0 duplicated`.
# It talks only to its own containers (compose project COMPOSE_TEST_PROJECT) and removes them, its network and its
# volume on every exit; logs, timings and the run dir stay in build/compose-test/.
#
# Settings: COMPOSE_TEST_PROJECT (trpcmpz), COMPOSE_TEST_SUBNET (10.80.0.0/24), COMPOSE_TEST_WORKERS (3),
#   TROUPE_EXPERIMENTS_DIR + TROUPE_EXPERIMENT (./deploy/compose-test + sweep.yaml: the sweep; it must outlast the faults),
#   COMPOSE_TEST_IMAGE (troupe:compose-test), COMPOSE_TEST_SWEEP_TIMEOUT seconds (1200),
#   COMPOSE_TEST_WAIT_WHILE=FILE: before each heavy step (image builds, the cluster) wait while FILE exists
#   (a shared machine's "keep quiet" flag).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PROJECT="${COMPOSE_TEST_PROJECT:-trpcmpz}"
SUBNET="${COMPOSE_TEST_SUBNET:-10.80.0.0/24}"
WORKERS="${COMPOSE_TEST_WORKERS:-3}"
IMAGE="${COMPOSE_TEST_IMAGE:-troupe:compose-test}"
SWEEP_TIMEOUT="${COMPOSE_TEST_SWEEP_TIMEOUT:-1200}"
OUT="$ROOT/build/compose-test"
OFFICIAL_SDK=mcr.microsoft.com/dotnet/sdk:10.0
OFFICIAL_RUNTIME=mcr.microsoft.com/dotnet/runtime:10.0
# The cluster secret in the containers is read by uid/gid 10001 (the image's user `troupe`) from a bind mount.
TROUPE_GID=10001
rebuild=0
case "${1:-}" in
  "") ;;
  --rebuild) rebuild=1 ;;
  -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
  *) echo "usage: $0 [--rebuild]" >&2; exit 2 ;;
esac

die() { echo "compose-test: FAILED: $*" >&2; exit 1; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
note() { echo "compose-test: $*"; }
timing() { echo "$1: $2 s" >> "$OUT/timings.txt"; note "timing: $1 $2 s"; }
waited=0   # seconds spent in quiet_wait, left out of the total
quiet_wait() {
  local flag="${COMPOSE_TEST_WAIT_WHILE:-}" start=$SECONDS
  [ -n "$flag" ] || return 0
  [ -e "$flag" ] && note "waiting while $flag exists"
  while [ -e "$flag" ]; do sleep 30; done
  waited=$((waited + SECONDS - start))
}

[ "$(id -u)" = 0 ] || die "needs root (dockerd, debootstrap, iptables)"
[ "$WORKERS" -ge 2 ] 2> /dev/null || die "COMPOSE_TEST_WORKERS: expected 2 or more (one is killed), got '$WORKERS'"

# Tools, installed from Debian only when missing: a Docker engine, a compose, debootstrap (stand-ins), sqlite3 (checks).
need=()
command -v dockerd > /dev/null || docker info > /dev/null 2>&1 || need+=(docker.io)
docker compose version > /dev/null 2>&1 || command -v docker-compose > /dev/null || need+=(docker-compose)
command -v debootstrap > /dev/null || need+=(debootstrap)
command -v sqlite3 > /dev/null || need+=(sqlite3)
if [ ${#need[@]} -gt 0 ]; then
  note "installing ${need[*]}"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" > /dev/null
fi
bash "$ROOT/deploy/start-dockerd.sh"
if docker compose version > /dev/null 2>&1; then COMPOSE=(docker compose); else COMPOSE=(docker-compose); fi
note "${COMPOSE[*]} $("${COMPOSE[@]}" version --short 2> /dev/null || echo '(version unknown)'), project $PROJECT"
COMPOSE+=(-p "$PROJECT" -f "$ROOT/docker-compose.yml" -f "$ROOT/deploy/compose-test/override.yml")

rm -rf "$OUT"
mkdir -p "$OUT"
: > "$OUT/timings.txt"
secret_dir="$(mktemp -d "$OUT/secret.XXXXXX")"
intruder="${PROJECT}-intruder"

save_and_remove() {
  local rc=$?
  set +e
  if [ -n "$("${COMPOSE[@]}" ps -q 2> /dev/null)" ]; then
    "${COMPOSE[@]}" logs --no-color > "$OUT/compose.log" 2>&1
  fi
  if docker inspect "$intruder" > /dev/null 2>&1; then
    docker logs "$intruder" > "$OUT/intruder.log" 2>&1
    docker rm -f "$intruder" > /dev/null 2>&1
  fi
  "${COMPOSE[@]}" down -v --remove-orphans > "$OUT/down.log" 2>&1
  rm -rf "$secret_dir"
  [ "$rc" = 0 ] || echo "compose-test: logs in $OUT" >&2
  exit "$rc"
}

# A project left by an interrupted run goes first (its volume too: a stale journal would be resumed).
"${COMPOSE[@]}" down -v --remove-orphans > /dev/null 2>&1 || true
docker rm -f "$intruder" > /dev/null 2>&1 || true
trap save_and_remove EXIT

t_total=$(now)
# ---------------------------------------------------------------- images
quiet_wait
standin_seconds=0
present_or_pulled() { docker image inspect "$1" > /dev/null 2>&1 || timeout 300 docker pull -q "$1" > /dev/null 2>&1; }
if present_or_pulled "$OFFICIAL_SDK" && present_or_pulled "$OFFICIAL_RUNTIME"; then
  sdk_image="$OFFICIAL_SDK"; runtime_image="$OFFICIAL_RUNTIME"
  note "base images: Microsoft's ($sdk_image, $runtime_image)"
else
  note "base images: $OFFICIAL_SDK cannot be pulled here: local stand-ins (deploy/standin/)"
  t=$(now)
  standin_args=(); [ "$rebuild" = 1 ] && standin_args=(--rebuild)
  standins="$(bash "$ROOT/deploy/standin/build-standins.sh" "${standin_args[@]}")"
  sdk_image="$(sed -n 's/^SDK_IMAGE=//p' <<< "$standins")"
  runtime_image="$(sed -n 's/^RUNTIME_IMAGE=//p' <<< "$standins")"
  [ -n "$sdk_image" ] && [ -n "$runtime_image" ] || die "build-standins.sh printed no image names: '$standins'"
  standin_seconds="$(since "$t")"
  timing "stand-in base images" "$standin_seconds"
fi
quiet_wait
t=$(now)
build_args=(-f deploy/Dockerfile --build-arg SDK_IMAGE="$sdk_image" --build-arg RUNTIME_IMAGE="$runtime_image" -t "$IMAGE")
[ "$rebuild" = 1 ] && build_args+=(--no-cache)
# The classic builder: it needs no buildx plugin and reads a local base image without asking a registry.
DOCKER_BUILDKIT=0 docker build "${build_args[@]}" . > "$OUT/image-build.log" 2>&1 \
  || { tail -n 40 "$OUT/image-build.log" >&2; die "docker build failed (log above, whole in $OUT/image-build.log)"; }
build_seconds="$(since "$t")"
timing "image build (docker build)" "$build_seconds"
timing "images in all" "$(awk -v a="$standin_seconds" -v b="$build_seconds" 'BEGIN { printf "%.1f", a + b }')"
image_size=$(docker image inspect -f '{{.Size}}' "$IMAGE")
note "image $IMAGE: $((image_size / 1000000)) MB ($(docker image inspect -f '{{.Id}}' "$IMAGE" | cut -c8-19)), from $sdk_image + $runtime_image"
echo "image size: $((image_size / 1000000)) MB" >> "$OUT/timings.txt"

# ---------------------------------------------------------------- cluster up
# The subnet must be free: compose creates the network on it, and an address met elsewhere would be ambiguous.
subnet_ip="${SUBNET%/*}"
clash="$(ip -4 route show to match "${subnet_ip%.*}.1" | grep -v '^default' || true)"
[ -z "$clash" ] || die "COMPOSE_TEST_SUBNET $SUBNET is in use on this machine ($clash): choose another"
head -c 24 /dev/urandom | base64 | tr -d '/+=' > "$secret_dir/troupe.secret"
chgrp "$TROUPE_GID" "$secret_dir/troupe.secret" && chmod 0640 "$secret_dir/troupe.secret" && chmod 0755 "$secret_dir"
export TROUPE_IMAGE="$IMAGE" TROUPE_SECRET_SOURCE="$secret_dir/troupe.secret" COMPOSE_TEST_SUBNET="$SUBNET"
export TROUPE_TIMING=tight TROUPE_MIN_WORKERS="$WORKERS" TROUPE_SLOTS=1 TROUPE_LOG_FORMAT=text
export TROUPE_EXPERIMENT="${TROUPE_EXPERIMENT:-sweep.yaml}" TROUPE_EXPERIMENTS_DIR="${TROUPE_EXPERIMENTS_DIR:-./deploy/compose-test}"
# Published on loopback only, on a port Docker picks: nothing outside this machine reaches the test's coordinator.
export TROUPE_PUBLISH=127.0.0.1:
spec_file="$TROUPE_EXPERIMENTS_DIR/$TROUPE_EXPERIMENT"
[ -f "$spec_file" ] || die "no spec $spec_file (TROUPE_EXPERIMENTS_DIR/TROUPE_EXPERIMENT)"
sweep_name="$(sed -n 's/^name: *\([^ #]*\).*/\1/p' "$spec_file" | head -n 1)"

quiet_wait
t_up=$(now)
"${COMPOSE[@]}" up -d --no-build --scale worker="$WORKERS" > "$OUT/up.log" 2>&1 \
  || { cat "$OUT/up.log" >&2; die "compose up failed (log above)"; }
coordinator="$("${COMPOSE[@]}" ps -q coordinator)"
[ -n "$coordinator" ] || die "compose up started no coordinator container"

clog() { docker logs "$@" "$coordinator" 2>&1; }
# wait_for PATTERN SECONDS [docker logs options]: the first coordinator log line matching PATTERN (ERE), or fail.
wait_for() {
  local pattern="$1" limit="$2"; shift 2
  local start=$SECONDS line
  while true; do
    line="$(clog "$@" | grep -E -m 1 -- "$pattern" || true)"
    [ -n "$line" ] && { echo "$line"; return 0; }
    if [ "$(docker inspect -f '{{.State.Running}}' "$coordinator")" != true ] && [ "${WAIT_ALLOW_STOPPED:-0}" = 0 ]; then
      clog | tail -n 30 >&2; die "the coordinator exited while waiting for /$pattern/ (log tail above)"
    fi
    [ $((SECONDS - start)) -lt "$limit" ] || { clog | tail -n 30 >&2; die "no coordinator log line /$pattern/ within ${limit}s (log tail above)"; }
    sleep 0.5
  done
}
count_lines() { clog "${@:2}" | grep -c -E -- "$1" || true; }

start_line="$(wait_for "sweep $sweep_name: [0-9]+ trials, new" 300)"
until [ "$(count_lines 'member  up .*\(worker\)')" -ge "$WORKERS" ]; do
  [ "$(since "$t_up" | cut -d. -f1)" -lt 300 ] || die "fewer than $WORKERS workers Up 300 s after compose up"
  sleep 0.5
done
timing "cluster up (compose up -> $WORKERS workers Up, sweep started)" "$(since "$t_up")"
note "${start_line#*  }"
trials_total="$(sed -E 's/.*: ([0-9]+) trials.*/\1/' <<< "$start_line")"
t_sweep=$(now)

# ---------------------------------------------------------------- fault 1: docker kill a training worker
# The first trial to report an epoch is mid-way through its next one, on the worker it was placed on.
row="$(wait_for '^trial-[0-9]+ +0 +[0-9]' 600)"
victim_trial="$(awk '{ print $1 }' <<< "$row")"
placed="$(clog | grep -E -m 1 "placed  $victim_trial#1 on ")"
victim_ip="$(sed -E 's/.* on ([0-9.]+):[0-9]+.*/\1/' <<< "$placed")"
victim=""
for c in $("${COMPOSE[@]}" ps -q worker); do
  ip="$(docker inspect -f '{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}' "$c")"
  [ "$ip" = "$victim_ip" ] && victim="$c"
done
[ -n "$victim" ] || die "no worker container has the address $victim_ip that $victim_trial was placed on ('$placed')"
note "kill: $victim_trial reported epoch 0 on $victim_ip; docker kill $(docker inspect -f '{{.Name}}' "$victim" | tr -d /)"
t_kill=$(now)
docker kill "$victim" > /dev/null
lost="$(wait_for "worker  $victim_ip:[0-9]+ lost" 120)"
timing "worker kill -> coordinator logs it lost" "$(since "$t_kill")"
note "${lost#*  }"
resumed="$(wait_for "resumed $victim_trial#[2-9] on [0-9.:]+: training again from the epoch [1-9][0-9]* checkpoint" 600)"
timing "worker kill -> its trial trains again from its checkpoint" "$(since "$t_kill")"
note "${resumed#*  }"
resumed_on="$(sed -E 's/.* on ([0-9.]+):.*/\1/' <<< "$resumed")"
[ "$resumed_on" != "$victim_ip" ] || die "$victim_trial resumed on the killed worker's address $victim_ip"
# Back to the full count (compose starts the killed container again: a new incarnation), as an operator would.
"${COMPOSE[@]}" up -d --no-build --no-recreate --scale worker="$WORKERS" >> "$OUT/up.log" 2>&1 \
  || die "compose up --scale worker=$WORKERS after the kill failed ($OUT/up.log)"

# ---------------------------------------------------------------- fault 2: restart the coordinator mid-sweep
done_before="$(count_lines '^ *[0-9:]+  (done|stopped) +trial-')"
t_restart=$(now)
restart_since="$(date -u +%Y-%m-%dT%H:%M:%S.%NZ)"
"${COMPOSE[@]}" restart coordinator > "$OUT/restart.log" 2>&1 || die "compose restart coordinator failed ($OUT/restart.log)"
resumed_sweep="$(wait_for "sweep $sweep_name: [0-9]+ trials, resumed with [0-9]+ done" 180 --since "$restart_since")"
timing "coordinator restart -> sweep resumed from its journal" "$(since "$t_restart")"
note "${resumed_sweep#*  } (before the restart: $done_before trials finished)"
wait_for "(placed|resumed) +trial-" 300 --since "$restart_since" > /dev/null
timing "coordinator restart -> trials placed again" "$(since "$t_restart")"

# ---------------------------------------------------------------- fault 3: a worker with the wrong secret
# A one-off container of the worker service (same network and image), its secret overridden by TROUPE_SECRET.
intruder_since="$(date -u +%Y-%m-%dT%H:%M:%S.%NZ)"
t_intruder=$(now)
"${COMPOSE[@]}" run -d --no-deps --name "$intruder" -e TROUPE_SECRET="wrong-$(head -c 12 /dev/urandom | base64 | tr -d '/+=')" worker \
  > "$OUT/intruder-run.log" 2>&1 || die "could not start the intruder worker ($OUT/intruder-run.log)"
intruder_ip="$(docker inspect -f '{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}' "$intruder")"
refused=""
for _ in $(seq 1 120); do
  refused="$( { clog --since "$intruder_since"; docker logs "$intruder" 2>&1; } | grep -E -m 1 'refused the TLS peer|TLS handshake failed' || true)"
  [ -n "$refused" ] && break
  [ "$(docker inspect -f '{{.State.Running}}' "$coordinator")" = true ] \
    || die "the sweep ended before the wrong-secret worker was refused: make the sweep longer (TROUPE_EXPERIMENT)"
  sleep 0.5
done
[ -n "$refused" ] || die "no log line says the worker with the wrong secret ($intruder_ip) was refused within 60 s"
timing "wrong-secret worker started -> refused" "$(since "$t_intruder")"
note "refused: $refused"
sleep 10   # it keeps retrying meanwhile: none of its attempts may get in
! clog --since "$intruder_since" | grep -E "member  up .*@$intruder_ip:" || die "the worker with the wrong secret became a member"
! clog --since "$intruder_since" | grep -E "member  ended" || die "the coordinator's node ended while the wrong-secret worker tried to join"
docker logs "$intruder" > "$OUT/intruder.log" 2>&1
docker rm -f "$intruder" > /dev/null

# ---------------------------------------------------------------- the end of the sweep
rc="$(timeout "$SWEEP_TIMEOUT" docker wait "$coordinator" || echo timeout)"
[ "$rc" != timeout ] || die "the sweep did not finish within ${SWEEP_TIMEOUT}s"
timing "sweep (started -> coordinator exited, faults included)" "$(since "$t_sweep")"
[ "$rc" = 0 ] || { clog | tail -n 30 >&2; die "the coordinator exited with $rc, expected 0 (every trial completed or stopped early)"; }

"${COMPOSE[@]}" logs --no-color coordinator > "$OUT/coordinator.log" 2>&1
# What a user reads in `docker compose logs coordinator`: fastai's epoch table, membership and placement lines.
for pattern in 'trial +epoch +train_loss +valid_loss +accuracy' ' trial-[0-9]+ +[0-9]+ +[0-9.]+ +[0-9.]+' \
               'member  up akka\.ssl\.tcp://troupe@' "worker  $victim_ip:[0-9]+ lost" 'placed  trial-[0-9]+#1 on ' \
               "sweep $sweep_name finished: "; do
  grep -q -E -- "$pattern" "$OUT/coordinator.log" || die "compose logs coordinator has no line /$pattern/ ($OUT/coordinator.log)"
done

docker cp "$coordinator:/var/lib/troupe/run" "$OUT/run" > /dev/null
check="$(bash "$ROOT/deploy/chaos/check-run.sh" "$OUT/run" 2> "$OUT/check-details.txt")" \
  || { cat "$OUT/check-details.txt" >&2; die "run dir check: $check"; }
note "run dir: $check"
value() { sed -E "s/.*(^| )$1=([0-9]+).*/\2/" <<< "$check"; }
trials="$(value trials)"; lost="$(value lost)"; duplicated="$(value duplicated)"
[ "$trials" = "$trials_total" ] || die "the journal has $trials trials, the sweep announced $trials_total"
timing "total, up to the checks (without waits for COMPOSE_TEST_WAIT_WHILE: ${waited} s)" \
  "$(awk -v t="$(since "$t_total")" -v w="$waited" 'BEGIN { printf "%.1f", t - w }')"
cat "$OUT/timings.txt"
echo "compose: $trials trials, $lost lost, $duplicated duplicated"
