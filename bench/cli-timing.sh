#!/usr/bin/env bash
# Wall-clock time of each command-line command of the packaged jar, N runs each (default 5), with the
# load average beside it. Build first: ./mvnw -B -q -DskipTests package
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
jar=target/quarkus-app/quarkus-run.jar
uptime
time_of() {
  local start end
  start=$(date +%s%N)
  "$@" > /dev/null 2>&1 || true
  end=$(date +%s%N)
  echo $(( (end - start) / 1000000 ))
}
for command in "test" "test --format junit --coverage" "eval examples/stop-out.json" "help"; do
  times=()
  for _ in $(seq "$runs"); do
    # shellcheck disable=SC2086
    times+=("$(time_of java -jar "$jar" $command)")
  done
  sorted=$(printf '%s\n' "${times[@]}" | sort -n | tr '\n' ' ')
  echo "java -jar $jar $command: ms, sorted: $sorted"
done
uptime
