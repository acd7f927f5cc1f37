#!/usr/bin/env bash
# Runs extra Tidings workers on this machine against a shared Redis and
# PostgreSQL index elsewhere: N extractors and M fetchers by default, any
# role on request. It stays in the foreground, one process per worker (each
# service's compiled entry point, plain node), prefixes their log lines with
# role and number, starts a worker that dies (SIGKILL, out of memory) again
# after a pause, forwards SIGTERM/SIGINT so every worker drains, and exits
# when all have stopped (non-zero if one failed). Run it under systemd, a
# terminal multiplexer or nohup; stop it with SIGTERM (systemctl stop, Ctrl-C).
#
#   REDIS_URL=redis://queue-host:6379 TIDINGS_INDEX_URL=postgres://tidings@db-host/tidings \
#     bash infra/scripts/remote-workers.sh --extractors 4 --fetchers 2
#
# Options: --extractors N (default 2), --fetchers N (default 1), --parsers N,
# --indexers N, --schedulers N (default 0 each). Every other setting comes
# from the environment, as for any worker (README, "Configuration"); the
# machine needs the repository installed and built (bash infra/scripts/install.sh).
set -euo pipefail
cd "$(dirname "$0")/../.."

declare -A count=([extractor]=2 [fetcher]=1 [parser]=0 [indexer]=0 [scheduler]=0)
while [ $# -gt 0 ]; do
  case "$1" in
    --extractors|--fetchers|--parsers|--indexers|--schedulers)
      [[ "${2:-}" =~ ^[0-9]+$ ]] || { echo "remote-workers: $1 takes a whole number" >&2; exit 2; }
      role="${1#--}"; count[${role%s}]="$2"; shift 2 ;;
    -h|--help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "remote-workers: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

[ -n "${REDIS_URL:-}" ] || { echo "remote-workers: set REDIS_URL to the shared Redis (or redis+cluster://...)" >&2; exit 2; }
# SQLite lives in one machine's data directory: workers elsewhere must share PostgreSQL.
[ -n "${TIDINGS_INDEX_URL:-}" ] || { echo "remote-workers: set TIDINGS_INDEX_URL to the shared PostgreSQL index (SQLite cannot be shared across machines)" >&2; exit 2; }
for role in "${!count[@]}"; do
  if [ "${count[$role]}" -gt 0 ] && [ ! -f "services/$role/dist/main.js" ]; then
    echo "remote-workers: services/$role/dist/main.js is missing: run \`pnpm build\` (or bash infra/scripts/install.sh) first" >&2; exit 2
  fi
done

# Created by stop(): a worker that exits after it exists was stopped, and is not started again.
stopping="$(mktemp -u "${TMPDIR:-/tmp}/tidings-remote-workers.XXXXXX")"
trap 'rm -f "$stopping"' EXIT

# One worker slot: the worker, started again when it dies (SIGKILL, out of memory, a crash) as a supervisor would,
# after 1 s, doubling to 30 s while it keeps dying within a minute. A clean exit (0) ends the slot, and so does a
# stop: a worker then stopped by SIGTERM before it could drain (143, just started) stopped cleanly too.
supervise() {
  # A worker's failure is this loop's to handle, not the end of the slot (it runs in a subshell of its own).
  set +e
  local role=$1 i=$2 pause=1 code started worker
  while :; do
    [ -e "$stopping" ] && exit 0
    started=$SECONDS
    # Each worker's lines are prefixed with its role and number; node is a child of this slot, which stop() signals.
    node "services/$role/dist/main.js" > >(sed -u "s/^/[$role-$i] /") 2>&1 &
    worker=$!
    # A stop that came while it started: stop() may have looked for it before it existed.
    [ -e "$stopping" ] && kill -TERM "$worker" 2>/dev/null
    wait "$worker"
    code=$?
    if [ -e "$stopping" ]; then
      if [ "$code" -eq 0 ] || [ "$code" -eq 143 ]; then exit 0; else exit "$code"; fi
    fi
    [ "$code" -eq 0 ] && exit 0
    if [ $((SECONDS - started)) -ge 60 ]; then pause=1; fi
    echo "remote-workers: $role-$i exited with code $code; starting it again in ${pause} s" >&2
    # The pause, cut short by a stop.
    for ((tick = 0; tick < pause * 10; tick++)); do
      [ -e "$stopping" ] && exit 0
      sleep 0.1
    done
    pause=$((pause * 2 > 30 ? 30 : pause * 2))
  done
}

pids=()
for role in scheduler fetcher parser extractor indexer; do
  for ((i = 1; i <= count[$role]; i++)); do
    supervise "$role" "$i" &
    pids+=("$!")
  done
done
[ ${#pids[@]} -gt 0 ] || { echo "remote-workers: nothing to run" >&2; exit 2; }
echo "remote-workers: started ${#pids[@]} worker(s) on $(hostname)" >&2

interrupted=0
stop() {
  interrupted=1
  echo "remote-workers: stopping, every worker drains its jobs" >&2
  : > "$stopping"
  # Signal the node processes themselves (children of the slots), not the slots.
  pkill -TERM -P "$(printf '%s,' "${pids[@]}" | sed 's/,$//')" node 2>/dev/null || true
}
trap stop TERM INT

status=0
for pid in "${pids[@]}"; do
  while :; do
    if wait "$pid"; then break; else
      code=$?
      # A trapped signal interrupts wait (128+n) whether or not the slot is still draining: wait again for its own status.
      if [ "$interrupted" -eq 1 ]; then interrupted=0; continue; fi
      status=$code; break
    fi
  done
done
exit $status
