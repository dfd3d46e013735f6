#!/usr/bin/env bash
# Usage: bench/jmh.sh [JMH options]   e.g. bench/jmh.sh TotpVerification   or   bench/jmh.sh PasswordHash -t 2
# Compiles the benchmarks (Maven profile `bench`) and runs JMH on JDK 25 (JAVA25 to override).
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA25=${JAVA25:-/usr/lib/jvm/temurin-25-jdk-amd64}
if [ ! -f target/bench-classpath.txt ] || [ -n "$(find src/main/java src/jmh/java -newer target/bench-classpath.txt -name '*.java' | head -1)" ]; then
  ./mvnw -q -Pbench test-compile
fi
CP="target/test-classes:target/classes:$(cat target/bench-classpath.txt)"
exec "$JAVA25/bin/java" -cp "$CP" org.openjdk.jmh.Main -jvm "$JAVA25/bin/java" "$@"
