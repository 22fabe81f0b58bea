#!/usr/bin/env bash
# Starts Apache Kafka Connect (the Java original, 4.1.1 from Maven Central) against the test broker, for
# compatibility tests and benchmarks, and prints `CONNECT_URL=http://127.0.0.1:<port>` once its REST API answers.
#
#   start.sh distributed                     ConnectDistributed: configs, offsets and status in Kafka topics
#   start.sh standalone conn.properties...   ConnectStandalone: offsets in a file, connectors from the files
#
# Idempotent: when the worker this script started still runs, it prints the same line and exits 0 (the mode and
# connector files of that worker stay as they were; stop it first to change them).
#
# Environment:
#   KAFKA_BROKERS            bootstrap.servers (default 127.0.0.1:9092; start it with scripts/kafka/start.sh)
#   CONNECT_PORT             REST port on 127.0.0.1 (default 8084, leaving Tributary's 8083 free)
#   CONNECT_DATA_DIR         worker.properties, connect.log, connect.pid, standalone offsets (default
#                            <repo>/.tributary/connect)
#   CONNECT_GROUP_ID         distributed group.id (default tributary-java-connect)
#   CONNECT_TOPIC_PREFIX     distributed internal topics <prefix>-offsets, -configs, -status (default java-connect)
#   CONNECT_OFFSET_PARTITIONS  partitions of the offsets topic when Connect creates it (default 25, Kafka's)
#   CONNECT_CONVERTER        key and value converter (default org.apache.kafka.connect.storage.StringConverter)
#   CONNECT_OFFSET_FLUSH_MS  offset.flush.interval.ms (default 60000, Kafka's)
#   CONNECT_EXTRA_PROPERTIES a file whose lines are appended to worker.properties (producer.*, consumer.*, ...)
#   CONNECT_HEAP             JVM heap options (default -Xms256m -Xmx1g)
#   CONNECT_START_TIMEOUT    seconds to wait for the REST API (default 90)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"

mode="${1:-}"
if [[ "$mode" != "distributed" && "$mode" != "standalone" ]]; then
  echo "usage: start.sh distributed | start.sh standalone connector.properties..." >&2
  exit 2
fi
shift

brokers="${KAFKA_BROKERS:-127.0.0.1:9092}"
port="${CONNECT_PORT:-8084}"
data_dir="${CONNECT_DATA_DIR:-$root/.tributary/connect}"
timeout_s="${CONNECT_START_TIMEOUT:-90}"
lib="$here/target/lib"
url="http://127.0.0.1:$port"

"$here/fetch.sh"

mkdir -p "$data_dir"
data_dir="$(cd "$data_dir" && pwd)"
pid_file="$data_dir/connect.pid"
log_file="$data_dir/connect.log"
props="$data_dir/worker.properties"

running_pid() {
  local pid
  [[ -f "$pid_file" ]] || return 1
  pid="$(cat "$pid_file")"
  [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q 'org\.apache\.kafka\.connect\.cli' || return 1
  echo "$pid"
}

answers() {
  curl -fsS -m 2 "$url/" >/dev/null 2>&1
}

wait_until_ready() {
  local pid="$1" deadline=$((SECONDS + timeout_s))
  while ((SECONDS < deadline)); do
    if ! kill -0 "$pid" 2>/dev/null; then
      rm -f "$pid_file"
      echo "start.sh: Kafka Connect exited while starting; the end of its log follows ($log_file)." >&2
      tail -n 40 "$log_file" >&2
      exit 1
    fi
    answers && return 0
    sleep 0.5
  done
  echo "start.sh: Kafka Connect (pid $pid) did not answer on $url within ${timeout_s}s; see $log_file." \
    "It is left running; stop it with $here/stop.sh." >&2
  exit 1
}

if pid="$(running_pid)"; then
  wait_until_ready "$pid"
  echo "CONNECT_URL=$url"
  exit 0
fi
rm -f "$pid_file"

if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
  echo "start.sh: 127.0.0.1:$port is already in use by another process; stop it or set CONNECT_PORT." >&2
  exit 1
fi

converter="${CONNECT_CONVERTER:-org.apache.kafka.connect.storage.StringConverter}"
cat >"$props" <<PROPS
# Written by start.sh on every start; edit start.sh (or CONNECT_EXTRA_PROPERTIES) instead.
bootstrap.servers=$brokers
listeners=http://127.0.0.1:$port
key.converter=$converter
value.converter=$converter
key.converter.schemas.enable=false
value.converter.schemas.enable=false
offset.flush.interval.ms=${CONNECT_OFFSET_FLUSH_MS:-60000}
plugin.discovery=only_scan
PROPS
if [[ "$mode" == "distributed" ]]; then
  prefix="${CONNECT_TOPIC_PREFIX:-java-connect}"
  cat >>"$props" <<PROPS
group.id=${CONNECT_GROUP_ID:-tributary-java-connect}
offset.storage.topic=$prefix-offsets
offset.storage.partitions=${CONNECT_OFFSET_PARTITIONS:-25}
offset.storage.replication.factor=1
config.storage.topic=$prefix-configs
config.storage.replication.factor=1
status.storage.topic=$prefix-status
status.storage.replication.factor=1
PROPS
  main=org.apache.kafka.connect.cli.ConnectDistributed
else
  echo "offset.storage.file.filename=$data_dir/standalone.offsets" >>"$props"
  main=org.apache.kafka.connect.cli.ConnectStandalone
fi
if [[ -n "${CONNECT_EXTRA_PROPERTIES:-}" ]]; then
  cat "$CONNECT_EXTRA_PROPERTIES" >>"$props"
fi

cat >"$data_dir/log4j2.properties" <<'PROPS'
# Written by start.sh: Kafka Connect logs at INFO to stdout, which start.sh appends to connect.log.
status = warn
appender.out.type = Console
appender.out.name = STDOUT
appender.out.layout.type = PatternLayout
appender.out.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = info
rootLogger.appenderRef.out.ref = STDOUT
logger.clients.name = org.apache.kafka.clients
logger.clients.level = warn
PROPS

echo "=== start.sh $(date -u +%FT%TZ): $mode on $url, brokers $brokers" >>"$log_file"
# shellcheck disable=SC2086
nohup setsid java ${CONNECT_HEAP:--Xms256m -Xmx1g} -Djava.awt.headless=true \
  -Dlog4j2.configurationFile="$data_dir/log4j2.properties" \
  -cp "$lib/*" "$main" "$props" "$@" >>"$log_file" 2>&1 </dev/null &
pid=$!
echo "$pid" >"$pid_file"

wait_until_ready "$pid"
echo "CONNECT_URL=$url"
