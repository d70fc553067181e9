#!/usr/bin/env bash
# The image's entrypoint, also installed as `troupe-coordinator` and `troupe-worker`.
# The role comes from the name it was called by, the first argument (coordinator|worker), or TROUPE_ROLE.
# Everything else is configuration through the environment, which the apps read themselves (flags win):
#   TROUPE_SEED TROUPE_LISTEN TROUPE_HOSTNAME TROUPE_PORT TROUPE_SECRET TROUPE_SLOTS TROUPE_MIN_WORKERS
#   TROUPE_RUN_DIR TROUPE_SPEC TROUPE_LOG_FORMAT TROUPE_TIMING
# The cluster secret may come from a file instead (compose `secrets:`, Docker/Kubernetes secrets): see below.
set -euo pipefail

TROUPE_HOME="${TROUPE_HOME:-/opt/troupe}"
DEFAULT_SECRET_FILE=/run/secrets/troupe_secret
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

# The cluster secret: TROUPE_SECRET when set (it wins), else the first line of the file TROUPE_SECRET_FILE names,
# else of /run/secrets/troupe_secret when it exists (where compose mounts the secret `troupe_secret`). The apps
# read only TROUPE_SECRET, so a secret in a file never has to sit in the container's configuration.
if [ -z "${TROUPE_SECRET:-}" ]; then
  secret_file="${TROUPE_SECRET_FILE:-}"
  if [ -z "$secret_file" ] && [ -e "$DEFAULT_SECRET_FILE" ]; then secret_file="$DEFAULT_SECRET_FILE"; fi
  if [ -n "$secret_file" ]; then
    if [ ! -e "$secret_file" ]; then
      echo "troupe: the cluster secret file $secret_file (TROUPE_SECRET_FILE) does not exist" >&2
      exit 2
    fi
    if [ ! -r "$secret_file" ]; then
      echo "troupe: cannot read the cluster secret file $secret_file as uid $(id -u): expected a file this user can read" \
        "(a compose secret is a bind mount of the host file: make it readable by uid $(id -u) or group $(id -g))" >&2
      exit 2
    fi
    IFS= read -r TROUPE_SECRET < "$secret_file" || true
    TROUPE_SECRET="${TROUPE_SECRET%$'\r'}"
    [ -n "$TROUPE_SECRET" ] || { echo "troupe: the cluster secret file $secret_file is empty: expected the secret on its first line" >&2; exit 2; }
  fi
fi
[ -z "${TROUPE_SECRET:-}" ] || export TROUPE_SECRET

case "$role" in
  coordinator)
    # No arguments: run the spec in TROUPE_SPEC. Its run directory (TROUPE_RUN_DIR) is resumed when it exists,
    # so restarting the container continues the sweep.
    if [ $# -eq 0 ]; then
      set -- run "${TROUPE_SPEC:?TROUPE_SPEC is not set: the experiment spec to run, e.g. /experiments/human-numbers.yaml}"
    fi
    exec dotnet "$TROUPE_HOME/troupe-coordinator.dll" "$@"
    ;;
  worker)
    exec dotnet "$TROUPE_HOME/troupe-worker.dll" "$@"
    ;;
  *)
    echo "troupe: unknown role '$role': expected coordinator or worker" >&2
    exit 2
    ;;
esac
