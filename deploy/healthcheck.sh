#!/usr/bin/env bash
# HEALTHCHECK: healthy when this node's TCP listener is up (the port of TROUPE_LISTEN, else TROUPE_PORT), read from
# /proc/net/tcp{,6} (state 0A = LISTEN) so the check adds no handshake noise to the node's log. Without a
# configured port, healthy while the app (PID 1 after exec) is alive.
set -u
listen="${TROUPE_LISTEN:-}"
port="${listen##*:}"
[ -n "$port" ] && [ "$port" != "$listen" ] || port="${TROUPE_PORT:-}"
if [ -z "$port" ]; then
  kill -0 1 2>/dev/null && exit 0
  echo "unhealthy: the node process is gone"; exit 1
fi
case "$port" in *[!0-9]*) echo "unhealthy: port '$port' is not a number"; exit 1 ;; esac
hex=$(printf '%04X' "$port")
for table in /proc/net/tcp /proc/net/tcp6; do
  [ -r "$table" ] || continue
  while read -r _ local _ state _; do
    [ "${local##*:}" = "$hex" ] && [ "$state" = "0A" ] && exit 0
  done < "$table"
done
echo "unhealthy: nothing listens on port $port"
exit 1
