#!/usr/bin/env bash
# Starts the packaged service for a load test (docs/benchmarks.md) on 127.0.0.1:${BP_PORT:-48080} and waits
# until it is ready; prints its pid. Uses QUARKUS_DATASOURCE_JDBC_URL when set (e.g. a database of its own
# on the local server), otherwise the embedded PostgreSQL in ${BP_DATA_DIR:-/tmp/brokerpolicy-bench-data}.
# Gives up after READY_TIMEOUT seconds (default 90).
set -euo pipefail
cd "$(dirname "$0")/.."
port="${BP_PORT:-48080}"
log="${BP_LOG:-/tmp/brokerpolicy-bench-service.log}"
start=$(date +%s%N)
java ${JAVA_OPTS:-} -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$port" \
  -Dbrokerpolicy.data-dir="${BP_DATA_DIR:-/tmp/brokerpolicy-bench-data}" \
  -jar target/quarkus-app/quarkus-run.jar >"$log" 2>&1 &
pid=$!
deadline=$(( $(date +%s) + ${READY_TIMEOUT:-90} ))
while (( $(date +%s) < deadline )); do
  if curl -fsS --max-time 2 "http://127.0.0.1:${port}/q/health/ready" >/dev/null 2>&1; then
    echo "ready after $(( ($(date +%s%N) - start) / 1000000 )) ms (pid $pid, log $log)" >&2
    echo "$pid"
    exit 0
  fi
  kill -0 "$pid" 2>/dev/null || { echo "the service exited; see $log" >&2; exit 1; }
  sleep 0.05
done
echo "not ready after ${READY_TIMEOUT:-90} s; see $log" >&2
kill "$pid"
exit 1
