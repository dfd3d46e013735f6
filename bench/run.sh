#!/usr/bin/env bash
# The sign-in benchmark, one command: bench/run.sh
# Builds the service and the driver, starts the packaged service with bin/gatehouse on JDK 25 against a database of
# its own on the local PostgreSQL (DB=h2 for the embedded H2 instead), makes an organization of USERS users through
# the API (once; kept in target/bench), and runs the load driver (gatehouse.bench.SignInLoad) at concurrency 4, 16
# and 64, then at 16 in three freshly started processes, then at 16 beside a client spraying wrong passwords.
# Settings: CONCURRENCY (4,16,64), FRESH (3 fresh processes), SPRAY (16 threads, 0: none), USERS (4000: each user signs in at most once per 30 s step, so 2000 would cap the driver at 66.7 sign-ins/s), DURATION (60 s per level), WARMUP (10 s), DB (postgresql|h2), PORT (18480), SMTP (18425);
# MODE=sustained instead runs 10 minutes (DURATION=600) of sign-ins mixed with admin calls at concurrency 16,
# printing memory, threads, open files and database connections every 30 s. MODE=mail queues MESSAGES (2000) mails in
# the database and measures how fast the service delivers them over SMTP (PostgreSQL only).
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME=${JAVA_HOME_25:-/usr/lib/jvm/temurin-25-jdk-amd64}
USERS=${USERS:-4000} DURATION=${DURATION:-60} WARMUP=${WARMUP:-10} DB=${DB:-postgresql} PORT=${PORT:-18480} SMTP=${SMTP:-18425}
MODE=${MODE:-throughput}
out=target/bench; mkdir -p $out

./mvnw -q -Pbench package
[ -f $out/encryption.key ] || head -c 32 /dev/urandom | base64 > $out/encryption.key
chmod 600 $out/encryption.key
export GATEHOUSE_ENCRYPTION_KEY=$(cat $out/encryption.key)
export SPRING_MAIL_HOST=127.0.0.1 SPRING_MAIL_PORT=$SMTP GATEHOUSE_BASE_URL=http://localhost:$PORT
state=$out/seed-$DB-$USERS.tsv
args=(--server.port=$PORT --gatehouse.data-dir=$out/data-$DB)
jdbc=
if [ "$DB" = postgresql ]; then
  database=gatehouse_bench_$USERS
  if [ ! -f $state ]; then
    psql -q -h 127.0.0.1 -U postgres -c "drop database if exists $database" -c "create database $database"
  fi
  jdbc="jdbc:postgresql://127.0.0.1:5432/$database"
  export SPRING_PROFILES_ACTIVE=postgres GATEHOUSE_DB_URL=$jdbc GATEHOUSE_DB_USER=postgres GATEHOUSE_DB_PASSWORD=
else
  [ -f $state ] || rm -rf $out/data-$DB
fi

# the metrics are the operator's: the service and the driver, which reads them, share a token
export GATEHOUSE_METRICS_TOKEN=${GATEHOUSE_METRICS_TOKEN:-$(od -An -tx1 -N24 /dev/urandom | tr -d ' \n')}

service=
start_service() {
  local started=$(date +%s%N)
  bin/gatehouse "${args[@]}" > $out/service.log 2>&1 &
  service=$!
  until curl -sf localhost:$PORT/actuator/health/readiness >/dev/null; do
    kill -0 $service 2>/dev/null || { echo "the service exited; see $out/service.log" >&2; exit 1; }
    sleep 0.05
  done
  echo "service pid $service ready after $(( ($(date +%s%N) - started) / 1000000 )) ms"
}
stop_service() { kill $service; wait $service 2>/dev/null || true; }
trap 'kill $service 2>/dev/null || true' EXIT
drive() {
  "$JAVA_HOME/bin/java" -Xmx512m -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
    gatehouse.bench.SignInLoad --port=$PORT --smtp-port=$SMTP --state=$state --users=$USERS --pid=$service \
    ${jdbc:+--jdbc=$jdbc} --warmup=$WARMUP --duration=$DURATION "$@"
}

echo "== $(date -u +%FT%TZ) $(git rev-parse --short HEAD) on $DB, $(nproc) cores, $USERS users"
start_service
if [ "$MODE" = mail ]; then
  [ -n "$jdbc" ] || { echo "MODE=mail queues its messages in PostgreSQL: run it without DB=h2" >&2; exit 1; }
  "$JAVA_HOME/bin/java" -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
    gatehouse.bench.MailDelivery --jdbc=$jdbc --smtp-port=$SMTP --messages=${MESSAGES:-2000}
  stop_service
  exit
fi
if [ "$MODE" = sustained ]; then
  drive --concurrency=16 --admin-share=0.2 --argon2=false --sample=30 --duration=${DURATION_SUSTAINED:-600}
  stop_service
  exit
fi
drive --concurrency=${CONCURRENCY:-4,16,64}
for run in $(seq 1 ${FRESH:-3}); do
  stop_service
  echo "== fresh process $run"
  start_service
  drive --concurrency=16
done
if [ "${SPRAY:-16}" -gt 0 ]; then
  echo "== concurrency 16 while ${SPRAY:-16} threads spray wrong passwords from one client address"
  drive --concurrency=16 --spray=${SPRAY:-16} --argon2=false
fi
stop_service
