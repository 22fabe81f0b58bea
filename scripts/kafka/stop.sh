#!/usr/bin/env bash
# Stops the Kafka broker that start.sh started (found by its pid file) and waits for it to exit.
# Idempotent: prints nothing and exits 0 when no broker from start.sh is running. Keeps the data directory.
# Uses KAFKA_DATA_DIR like start.sh (default <repo>/.tributary/kafka).
# Usage: stop.sh [<pid file> <regex its command line must match> <name, for messages>]; scripts/connect/stop.sh
# stops Kafka Connect with it.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
data_dir="${KAFKA_DATA_DIR:-$root/.tributary/kafka}"
pid_file="${1:-$data_dir/kafka.pid}"
pattern="${2:-kafka\.Kafka}"
name="${3:-the Kafka broker}"
timeout_s="${KAFKA_STOP_TIMEOUT:-60}"

[[ -f "$pid_file" ]] || exit 0
pid="$(cat "$pid_file")"
# Only signal the pid if it still is our broker; after a crash or reboot the number may belong to anything.
if ! [[ "$pid" =~ ^[0-9]+$ ]] || ! kill -0 "$pid" 2>/dev/null ||
  ! tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q "$pattern"; then
  rm -f "$pid_file"
  exit 0
fi

# SIGTERM lets the broker shut down cleanly, so the next start need not recover its logs.
kill -TERM "$pid"
deadline=$((SECONDS + timeout_s))
while kill -0 "$pid" 2>/dev/null; do
  if ((SECONDS >= deadline)); then
    echo "stop.sh: $name (pid $pid) did not exit within ${timeout_s}s of SIGTERM; killing it." >&2
    kill -KILL "$pid" 2>/dev/null || true
    sleep 1
    break
  fi
  sleep 0.2
done
rm -f "$pid_file"
