#!/usr/bin/env bash
# Usage: bench/large-org.sh [users] [warm-up] [timed]        (defaults: 100000 50 200)
# One organization with 100,000 users on PostgreSQL, and p50/p95/p99/max of the
# administrator's calls against the packaged service on JDK 25. Builds the jar and the driver, makes a
# fresh database (DB, default gatehouse_largeorg; kept afterwards for EXPLAIN ANALYZE), starts the
# service on a free port (PORT to choose one), runs gatehouse.bench.LargeOrganization, stops the service.
# The service runs as it ships, through bin/gatehouse (its JVM options, the AOT cache, Spring AOT).
# JFR=1 records a profile of the service to target/large-org.jfr; SKIP_BUILD=1 reuses the last build;
# JAVA_OPTS adds options to the service's JVM (through JAVA_TOOL_OPTIONS).
set -euo pipefail
cd "$(dirname "$0")/.."
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
DB=${DB:-gatehouse_largeorg}
PSQL="psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -q"
PORT=${PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}

[ "${SKIP_BUILD:-}" = 1 ] || ./mvnw -q -Pbench package
$PSQL -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"

D=$(mktemp -d)
JVM=(${JAVA_OPTS:-})
[ "${JFR:-}" = 1 ] && JVM+=("-XX:StartFlightRecording=filename=$PWD/target/large-org.jfr,settings=profile")
SPRING_PROFILES_ACTIVE=postgres \
GATEHOUSE_DB_URL=jdbc:postgresql://127.0.0.1:5432/$DB GATEHOUSE_DB_USER=postgres GATEHOUSE_DB_PASSWORD= \
GATEHOUSE_ENCRYPTION_KEY=$(head -c 32 /dev/urandom | base64) GATEHOUSE_BASE_URL=http://127.0.0.1:$PORT \
JAVA_HOME=$(dirname "$(dirname "$J")") JAVA_TOOL_OPTIONS="${JVM[*]}" \
  bin/gatehouse --server.port=$PORT --gatehouse.data-dir=$D > $D/service.log 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null || true; rm -rf $D' EXIT
until curl -sf localhost:$PORT/actuator/health/readiness >/dev/null; do
  kill -0 $pid 2>/dev/null || { cat $D/service.log; echo "the service did not start" >&2; exit 1; }
  sleep 0.2
done
echo "service ready on port $PORT (pid $pid, $($J -version 2>&1 | head -1), $(nproc) cores, $($PSQL -d $DB -tAc 'SHOW server_version'), database $DB)"

$J -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" gatehouse.bench.LargeOrganization \
  http://127.0.0.1:$PORT "jdbc:postgresql://127.0.0.1:5432/$DB?reWriteBatchedInserts=true" $D/mailbox "$@"
