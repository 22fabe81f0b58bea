#!/usr/bin/env bash
# Starts a single-node Apache Kafka broker (KRaft, broker and controller in one JVM) on 127.0.0.1 for Tributary's
# integration tests, and prints `KAFKA_BROKERS=127.0.0.1:<port>` once it answers.
# Idempotent: if the broker this script started is still running, it waits until it answers, prints the same line
# and exits 0. The data directory outlives stop.sh, so topics and offsets survive a restart.
#
# Environment:
#   KAFKA_PORT             client listener port (default 9092)
#   KAFKA_CONTROLLER_PORT  KRaft controller port (default 9093)
#   KAFKA_DATA_DIR         config, logs, pid file and topic data (default <repo>/.tributary/kafka)
#   KAFKA_START_TIMEOUT    seconds to wait for the broker to answer (default 60)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"

port="${KAFKA_PORT:-9092}"
controller_port="${KAFKA_CONTROLLER_PORT:-9093}"
data_dir="${KAFKA_DATA_DIR:-$root/.tributary/kafka}"
timeout_s="${KAFKA_START_TIMEOUT:-60}"
lib="$here/target/lib"
brokers="127.0.0.1:$port"

"$here/fetch.sh"

mkdir -p "$data_dir/data"
data_dir="$(cd "$data_dir" && pwd)"
pid_file="$data_dir/kafka.pid"
log_file="$data_dir/kafka.log"
props="$data_dir/server.properties"
client_props="$data_dir/client.properties"
tools_log4j="$data_dir/tools-log4j2.properties"

# The pid file may outlive its JVM (a crash, a reboot) and the pid may since belong to another process.
running_pid() {
  local pid
  [[ -f "$pid_file" ]] || return 1
  pid="$(cat "$pid_file")"
  [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q 'kafka\.Kafka' || return 1
  echo "$pid"
}

port_open() {
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null
}

# An open port is not enough: the broker accepts connections before it has joined its own quorum.
answers() {
  port_open || return 1
  timeout 20 java -Xmx256m -Dlog4j2.configurationFile="$tools_log4j" -cp "$lib/*" \
    org.apache.kafka.tools.TopicCommand --bootstrap-server "$brokers" --command-config "$client_props" \
    --list >/dev/null 2>&1
}

wait_until_ready() {
  local pid="$1" deadline=$((SECONDS + timeout_s))
  while ((SECONDS < deadline)); do
    if ! kill -0 "$pid" 2>/dev/null; then
      rm -f "$pid_file"
      echo "start.sh: the Kafka broker exited while starting; the end of its log follows ($log_file)." >&2
      tail -n 40 "$log_file" >&2
      exit 1
    fi
    answers && return 0
    sleep 1
  done
  echo "start.sh: the Kafka broker (pid $pid) did not answer on $brokers within ${timeout_s}s;" \
    "see $log_file, or raise KAFKA_START_TIMEOUT. It is left running; stop it with $here/stop.sh." >&2
  exit 1
}

cat >"$client_props" <<PROPS
# Written by start.sh: fail fast while the broker is still starting, so the readiness poll can retry.
request.timeout.ms=5000
default.api.timeout.ms=5000
PROPS

cat >"$tools_log4j" <<'PROPS'
# Written by start.sh: command-line tools print warnings and errors only.
status = warn
appender.err.type = Console
appender.err.name = STDERR
appender.err.target = SYSTEM_ERR
appender.err.layout.type = PatternLayout
appender.err.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = warn
rootLogger.appenderRef.err.ref = STDERR
PROPS

if pid="$(running_pid)"; then
  wait_until_ready "$pid"
  echo "KAFKA_BROKERS=$brokers"
  exit 0
fi
rm -f "$pid_file"

if port_open; then
  echo "start.sh: 127.0.0.1:$port is already in use by another process; stop it or set KAFKA_PORT." >&2
  exit 1
fi

cat >"$props" <<PROPS
# Written by start.sh on every start; edit start.sh instead.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$controller_port
listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$controller_port
advertised.listeners=PLAINTEXT://127.0.0.1:$port
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$data_dir/data
num.partitions=1
# One node: every internal topic has one replica, and few partitions make the first group join and
# the first transaction fast.
offsets.topic.replication.factor=1
offsets.topic.num.partitions=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
share.coordinator.state.topic.num.partitions=1
group.initial.rebalance.delay.ms=0
PROPS

cat >"$data_dir/log4j2.properties" <<'PROPS'
# Written by start.sh: the broker logs at INFO to stdout, which start.sh appends to kafka.log.
status = warn
appender.out.type = Console
appender.out.name = STDOUT
appender.out.layout.type = PatternLayout
appender.out.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = info
rootLogger.appenderRef.out.ref = STDOUT
logger.state-change.name = state.change.logger
logger.state-change.level = warn
PROPS

# Formatting writes the cluster id into the data directory; doing it again would refuse (or wipe) the data.
if [[ ! -f "$data_dir/data/meta.properties" ]]; then
  cluster_id="$(java -Dlog4j2.configurationFile="$tools_log4j" -cp "$lib/*" kafka.tools.StorageTool random-uuid)"
  if ! java -Dlog4j2.configurationFile="$tools_log4j" -cp "$lib/*" kafka.tools.StorageTool \
    format -t "$cluster_id" -c "$props" >>"$log_file" 2>&1; then
    echo "start.sh: formatting Kafka's storage in $data_dir/data failed; the end of $log_file follows." >&2
    tail -n 20 "$log_file" >&2
    exit 1
  fi
fi

echo "=== start.sh $(date -u +%FT%TZ): 127.0.0.1:$port, controller :$controller_port" >>"$log_file"
# setsid: a Ctrl-C in the terminal or test runner that called this script must not take the broker down with it.
nohup setsid java -Xms512m -Xmx1g -Djava.awt.headless=true \
  -Dlog4j2.configurationFile="$data_dir/log4j2.properties" \
  -cp "$lib/*" kafka.Kafka "$props" >>"$log_file" 2>&1 </dev/null &
pid=$!
echo "$pid" >"$pid_file"

wait_until_ready "$pid"
echo "KAFKA_BROKERS=$brokers"
