#!/usr/bin/env bash
# Usage: bench/startup.sh [runs]   (after ./mvnw package -DskipTests)
# Time from launch to /actuator/health/readiness answering UP, and resident memory 10 s later, of the packaged
# service started by bin/gatehouse on JDK 25 (JAVA_HOME to override) on the embedded H2 in a fresh data folder.
# The first start of a build records the AOT cache; it is measured apart and not counted.
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME=${JAVA_HOME_25:-/usr/lib/jvm/temurin-25-jdk-amd64}
PORT=${PORT:-18377}
start_once() {
  local dir=$1 start ready pid
  start=$(date +%s%N)
  bin/gatehouse --gatehouse.data-dir="$dir" --server.port="$PORT" \
    --spring.datasource.url="jdbc:h2:file:$dir/db;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH" > "$dir/log" 2>&1 &
  pid=$!
  until curl -sf "localhost:$PORT/actuator/health/readiness" >/dev/null; do
    kill -0 $pid 2>/dev/null || { echo "the service exited, see $dir/log" >&2; exit 1; }
    sleep 0.02
  done
  ready=$(( ($(date +%s%N) - start) / 1000000 ))
  cpu=$(awk '{printf "%.1f", ($14 + $15) / 100}' /proc/$pid/stat)
  sleep 10
  echo "$1: ready after ${ready} ms (${cpu} CPU-s), idle RSS $(( $(awk '/VmRSS/ {print $2}' /proc/$pid/status) / 1024 )) MB"
  kill $pid; wait $pid 2>/dev/null || true
}
first=$(mktemp -d); start_once "$first" | sed 's/^[^:]*/first start (records the AOT cache)/'; rm -rf "$first"
for run in $(seq 1 "${1:-3}"); do
  d=$(mktemp -d); start_once "$d" | sed "s/^[^:]*/run $run/"; rm -rf "$d"
done
