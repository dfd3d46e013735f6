#!/usr/bin/env bash
# Usage: bench/hash-interference.sh [seconds per case, default 10] [rounds, default 6]
# The processor time of one password hash with other work on the same cores, in short or long pieces
# (gatehouse.bench.HashInterference). About 4 × seconds × rounds, plus a few seconds of warm-up.
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA25=${JAVA25:-/usr/lib/jvm/temurin-25-jdk-amd64}
if [ ! -f target/bench-classpath.txt ] || [ -n "$(find src/main/java src/jmh/java -newer target/bench-classpath.txt -name '*.java' | head -1)" ]; then
  ./mvnw -q -Pbench test-compile
fi
exec "$JAVA25/bin/java" --enable-native-access=ALL-UNNAMED -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  gatehouse.bench.HashInterference "$@"
