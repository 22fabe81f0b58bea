#!/usr/bin/env bash
# Usage: stop.sh opensearch|opensearch3|elasticsearch
# Stops the engine that start.sh started (found by its pid file) and waits for it to exit.
# Idempotent: prints nothing and exits 0 when no engine from start.sh is running. Keeps the data directory.
# Uses OPENSEARCH_DATA_DIR / OPENSEARCH3_DATA_DIR / ELASTICSEARCH_DATA_DIR like start.sh (default <repo>/.tributary/<engine>).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"

engine="${1:-}"
case "$engine" in
  opensearch) data_dir="${OPENSEARCH_DATA_DIR:-$root/.tributary/opensearch}" ;;
  opensearch3) data_dir="${OPENSEARCH3_DATA_DIR:-$root/.tributary/opensearch3}" ;;
  elasticsearch) data_dir="${ELASTICSEARCH_DATA_DIR:-$root/.tributary/elasticsearch}" ;;
  *)
    echo "stop.sh: name the engine: stop.sh opensearch|opensearch3|elasticsearch (got '${engine}')." >&2
    exit 2
    ;;
esac
pid_file="$data_dir/$engine.pid"
timeout_s="${SEARCH_STOP_TIMEOUT:-60}"

[[ -f "$pid_file" ]] || exit 0
pid="$(cat "$pid_file")"
# Only signal the pid if it still is our engine; after a crash or reboot the number may belong to anything.
if ! [[ "$pid" =~ ^[0-9]+$ ]] || ! kill -0 "$pid" 2>/dev/null ||
  ! tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "-basePath $(cd "$data_dir" && pwd)/home "; then
  rm -f "$pid_file"
  exit 0
fi

# SIGTERM runs the runner's shutdown hook, which closes the node cleanly (flushes and releases the data lock).
kill -TERM "$pid"
deadline=$((SECONDS + timeout_s))
while kill -0 "$pid" 2>/dev/null; do
  if ((SECONDS >= deadline)); then
    echo "stop.sh: $engine (pid $pid) did not exit within ${timeout_s}s of SIGTERM; killing it." >&2
    kill -KILL "$pid" 2>/dev/null || true
    sleep 1
    break
  fi
  sleep 0.2
done
rm -f "$pid_file"
