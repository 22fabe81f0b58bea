#!/usr/bin/env bash
# Stops the Kafka Connect worker that start.sh started (found by its pid file) and waits for it to exit; SIGTERM
# lets it stop its connectors and commit their offsets. Does nothing when none runs. Keeps the data directory.
# Uses CONNECT_DATA_DIR like start.sh (default <repo>/.tributary/connect); waits KAFKA_STOP_TIMEOUT (60) seconds.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
data_dir="${CONNECT_DATA_DIR:-$here/../../.tributary/connect}"
exec "$here/../kafka/stop.sh" "$data_dir/connect.pid" 'org\.apache\.kafka\.connect\.cli' "Kafka Connect"
