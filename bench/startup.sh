#!/usr/bin/env bash
# Usage: bench/startup.sh [runs]   (after ./mvnw package -DskipTests)
# Time from launch to /actuator/health/readiness answering UP, and resident memory 10 s later, of the packaged
# service started by bin/gatehouse on JDK 25 (JAVA_HOME to override). DB=postgresql (the default) uses a database of
# its own on the local PostgreSQL, migrated by the first start; DB=h2 the embedded H2 in a fresh data folder each time.
# The first start of a build records the AOT cache (and migrates); it is measured apart and not counted.
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME=${JAVA_HOME_25:-/usr/lib/jvm/temurin-25-jdk-amd64}
PORT=${PORT:-18377} DB=${DB:-postgresql}
if [ "$DB" = postgresql ]; then
  # every run starts in a fresh data folder but shares the database, so every run must bring the same encryption key
  export GATEHOUSE_ENCRYPTION_KEY=${GATEHOUSE_ENCRYPTION_KEY:-$(head -c 32 /dev/urandom | base64)}
  psql -q -h 127.0.0.1 -U postgres -c "drop database if exists gatehouse_startup" -c "create database gatehouse_startup"
  export SPRING_PROFILES_ACTIVE=postgres GATEHOUSE_DB_URL=jdbc:postgresql://127.0.0.1:5432/gatehouse_startup \
    GATEHOUSE_DB_USER=postgres GATEHOUSE_DB_PASSWORD=
fi
start_once() {
  local dir=$1 start ready pid database=()
  [ "$DB" = h2 ] && database=(--spring.datasource.url="jdbc:h2:file:$dir/db;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH")
  start=$(date +%s%N)
  bin/gatehouse --gatehouse.data-dir="$dir" --server.port="$PORT" "${database[@]}" > "$dir/log" 2>&1 &
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
echo "== $(date -u +%FT%TZ) $(git rev-parse --short HEAD) on $DB"
first=$(mktemp -d); start_once "$first" | sed 's/^[^:]*/first start (records the AOT cache)/'; rm -rf "$first"
for run in $(seq 1 "${1:-3}"); do
  d=$(mktemp -d); start_once "$d" | sed "s/^[^:]*/run $run/"; rm -rf "$d"
done
