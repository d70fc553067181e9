#!/usr/bin/env bash
# The image's entrypoint, also installed as `troupe-coordinator` and `troupe-worker`.
# The role comes from the name it was called by, the first argument (coordinator|worker), or TROUPE_ROLE.
# Everything else is configuration through the environment, which the apps read themselves (flags win):
#   TROUPE_SEED TROUPE_LISTEN TROUPE_HOSTNAME TROUPE_PORT TROUPE_SECRET TROUPE_SLOTS TROUPE_MIN_WORKERS
#   TROUPE_RUN_DIR TROUPE_SPEC TROUPE_LOG_FORMAT
set -euo pipefail

TROUPE_HOME="${TROUPE_HOME:-/opt/troupe}"
role="${TROUPE_ROLE:-}"
case "$(basename "$0")" in
  troupe-coordinator) role=coordinator ;;
  troupe-worker) role=worker ;;
esac
case "${1:-}" in
  coordinator | troupe-coordinator) role=coordinator; shift ;;
  worker | troupe-worker) role=worker; shift ;;
esac
if [ -z "$role" ]; then
  echo "troupe: no role: set TROUPE_ROLE=coordinator|worker or pass coordinator|worker as the first argument" >&2
  exit 2
fi

# The address other nodes reach this one at. A scaled compose service has one name for all replicas, so when
# TROUPE_HOSTNAME is unset or empty each container advertises its own address on the private network
# (`hostname -i`), falling back to its hostname (the container id, which Docker's DNS also resolves).
if [ -z "${TROUPE_HOSTNAME:-}" ]; then
  TROUPE_HOSTNAME="$(hostname -i 2>/dev/null | awk '{ print $1 }' || true)"
  [ -n "$TROUPE_HOSTNAME" ] || TROUPE_HOSTNAME="$(hostname)"
fi
export TROUPE_HOSTNAME

case "$role" in
  coordinator)
    # No arguments: run the spec in TROUPE_SPEC. Its run directory (TROUPE_RUN_DIR) is resumed when it exists,
    # so restarting the container continues the sweep.
    if [ $# -eq 0 ]; then
      set -- run "${TROUPE_SPEC:?TROUPE_SPEC is not set: the experiment spec to run, e.g. /experiments/human-numbers.yaml}"
    fi
    exec dotnet "$TROUPE_HOME/coordinator/troupe-coordinator.dll" "$@"
    ;;
  worker)
    exec dotnet "$TROUPE_HOME/worker/troupe-worker.dll" "$@"
    ;;
  *)
    echo "troupe: unknown role '$role': expected coordinator or worker" >&2
    exit 2
    ;;
esac
