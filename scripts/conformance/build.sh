#!/usr/bin/env bash
# Builds Tributary's conformance harness: target/tributary-conformance.jar and its runtime jars in target/lib/.
# Idempotent and silent on success; does nothing when the last build is newer than pom.xml and src/.
# The first run downloads Kafka and the Maven plugins from Maven Central (about a minute); a rebuild
# takes ~10 s, a no-op run well under a second. On failure it prints Maven's output and exits non-zero.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"

for tool in java mvn; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "build.sh: '$tool' is not on PATH; the conformance harness needs Java 17+ and Maven 3.8+" \
      "(Debian: apt-get install -y openjdk-17-jdk-headless maven)." >&2
    exit 127
  fi
done

stamp=target/build.stamp

up_to_date() {
  [[ -f "$stamp" && -f target/tributary-conformance.jar ]] &&
    [[ -z "$(find pom.xml build.sh src -newer "$stamp" -print -quit)" ]]
}

up_to_date && exit 0

mkdir -p target
# Several test workers may start the harness at once: one builds, the others wait and then find it done.
exec 9>target/build.lock
if command -v flock >/dev/null 2>&1; then
  flock 9
  up_to_date && exit 0
fi

rm -f "$stamp"
# Old jars would stay on the class path after a version change, so the dependency folder starts empty.
rm -rf target/lib
log=target/build.log
if ! mvn -B -q -e package >"$log" 2>&1; then
  echo "build.sh: the Maven build of the conformance harness failed; its output follows ($here/$log)." >&2
  cat "$log" >&2
  exit 1
fi
touch "$stamp"
