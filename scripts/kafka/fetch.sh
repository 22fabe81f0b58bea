#!/usr/bin/env bash
# Fetches Apache Kafka's broker and tool jars from Maven Central into target/lib/ (see pom.xml).
# Idempotent and silent on success; does nothing when the jars are newer than pom.xml and this script.
# The first run downloads ~90 jars (about 10-60 s depending on the network and the local Maven cache);
# a no-op run takes well under a second. On failure it prints Maven's output and exits non-zero.
# Usage: fetch.sh [<folder with a pom.xml> [<what it fetches, for messages>]]; scripts/connect/fetch.sh uses it so.
set -euo pipefail

here="$(cd "${1:-$(dirname "${BASH_SOURCE[0]}")}" && pwd)"
what="${2:-the test Kafka broker}"
self="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/$(basename "${BASH_SOURCE[0]}")"
cd "$here"

for tool in java mvn; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "fetch.sh: '$tool' is not on PATH; $what needs Java 17+ and Maven 3.8+" \
      "(Debian: apt-get install -y openjdk-17-jdk-headless maven)." >&2
    exit 127
  fi
done

stamp=target/fetch.stamp

up_to_date() {
  [[ -f "$stamp" && -d target/lib ]] && [[ -z "$(find pom.xml "$self" -newer "$stamp" -print -quit)" ]]
}

up_to_date && exit 0

mkdir -p target
# Several callers may start the server at once: one fetches, the others wait and then find it done.
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
  echo "fetch.sh: fetching the jars of $what with Maven failed; its output follows ($here/$log)." >&2
  cat "$log" >&2
  exit 1
fi
touch "$stamp"
