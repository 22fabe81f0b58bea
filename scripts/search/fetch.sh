#!/usr/bin/env bash
# Usage: fetch.sh opensearch|opensearch3|elasticsearch
# Fetches a search engine's jars from Maven Central into <engine>/target/lib/ (see <engine>/pom.xml). Each engine has
# its own folder and class path: OpenSearch and Elasticsearch share package names and must never be mixed.
# Idempotent and silent on success; does nothing when the jars are newer than the pom and this script. The first run
# downloads 80-95 jars (35-55 MB, a few seconds with a warm ~/.m2, up to a minute or two with an empty one);
# a no-op run takes well under a second. On failure it prints Maven's output and exits non-zero.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
engine="${1:-}"
case "$engine" in
  opensearch | opensearch3 | elasticsearch) ;;
  *)
    echo "fetch.sh: name the engine: fetch.sh opensearch|opensearch3|elasticsearch (got '${engine}')." >&2
    exit 2
    ;;
esac
cd "$here/$engine"

for tool in java mvn; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "fetch.sh: '$tool' is not on PATH; the test search engines need Java 17 (21+ for OpenSearch 3) and Maven 3.8+" \
      "(Debian: apt-get install -y openjdk-17-jdk-headless maven)." >&2
    exit 127
  fi
done

stamp=target/fetch.stamp

up_to_date() {
  [[ -f "$stamp" && -d target/lib ]] && [[ -z "$(find pom.xml "$here/fetch.sh" -newer "$stamp" -print -quit)" ]]
}

up_to_date && exit 0

mkdir -p target
# Several callers may start the engine at once: one fetches, the others wait and then find it done.
exec 9>target/fetch.lock
if command -v flock >/dev/null 2>&1; then
  flock 9
  up_to_date && exit 0
fi

rm -f "$stamp"
# Old jars would stay on the class path after a version change, so the folder starts empty.
rm -rf target/lib
log=target/fetch.log
if ! mvn -B -q -e package >"$log" 2>&1; then
  echo "fetch.sh: fetching the $engine jars with Maven failed; its output follows ($here/$engine/$log)." >&2
  cat "$log" >&2
  exit 1
fi
touch "$stamp"
