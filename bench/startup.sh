#!/usr/bin/env bash
# Usage: bench/startup.sh [jar] [JVM options...]  (run ./mvnw package -DskipTests first)
# start-up to ready and idle RSS of the packaged service on JDK 25 (H2 default in a fresh data dir)
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
JAR=${1:-/work/main/target/gatehouse.jar}
shift || true
for run in 1 2 3; do
  D=$(mktemp -d)
  start=$(date +%s%N)
  $J "$@" -jar $JAR --gatehouse.data-dir=$D --spring.datasource.url="jdbc:h2:file:$D/db;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH" --server.port=${PORT:-18377} > $D/log 2>&1 &
  pid=$!
  until curl -sf localhost:${PORT:-18377}/actuator/health/readiness >/dev/null; do sleep 0.05; done
  ready=$(( ($(date +%s%N) - start) / 1000000 ))
  sleep 10
  rss=$(grep VmRSS /proc/$pid/status | awk '{print $2}')
  echo "run $run: ready after ${ready} ms, idle RSS $((rss/1024)) MB"
  kill $pid; wait $pid 2>/dev/null; rm -rf $D
done
