#!/usr/bin/env bash
# Fetches Apache Kafka Connect's jars (runtime, file connectors, converters, transforms) from Maven Central into
# target/lib/ (see pom.xml), with the same idempotent fetcher as the test broker. About 60 jars; the first fetch took
# about 20 s here.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
exec "$here/../kafka/fetch.sh" "$here" "Kafka Connect"
