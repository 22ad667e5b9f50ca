#!/usr/bin/env bash
# Wall-clock and CPU time (user + sys) of each command of the packaged jar's command line, N runs each
# (default 5), sorted, with the load average before and after. Build first: ./mvnw -B -q -DskipTests package
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
jar=target/quarkus-app/quarkus-run.jar
uptime
for command in "test" "test --format junit --coverage" "eval examples/stop-out.json" "help"; do
  walls=()
  cpus=()
  for _ in $(seq "$runs"); do
    TIMEFORMAT='%R %U %S'
    # shellcheck disable=SC2086
    read -r wall user sys < <({ time java -jar "$jar" $command > /dev/null 2>&1 || true; } 2>&1)
    walls+=("$wall")
    cpus+=("$(echo "$user + $sys" | bc)")
  done
  echo "java -jar $jar $command"
  echo "  wall s: $(printf '%s\n' "${walls[@]}" | sort -n | tr '\n' ' ')"
  echo "  cpu s:  $(printf '%s\n' "${cpus[@]}" | sort -n | tr '\n' ' ')"
done
uptime
