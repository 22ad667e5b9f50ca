#!/usr/bin/env bash
# The stress-test benchmark (docs/benchmarks.md, "Stress test"): starts the packaged service with an embedded
# PostgreSQL of its own, stores ACCOUNTS accounts through the batch endpoint, then stresses the whole stored book
# RUNS times through POST /api/v1/policy/versions/{n}/stress and prints each run's time and the service's CPU.
#   ACCOUNTS (default 100000), RUNS (default 3), BP_PORT (default 48090),
#   BP_DATA_DIR (default /tmp/brokerpolicy-stress-bench; removed first unless KEEP_BOOK=1, which also skips storing),
#   SKIP_PACKAGE=1 to use target/quarkus-app as it is (by default the service is packaged first).
set -euo pipefail
cd "$(dirname "$0")/.."
accounts="${ACCOUNTS:-100000}"
port="${BP_PORT:-48090}"
data="${BP_DATA_DIR:-/tmp/brokerpolicy-stress-bench}"
users="$data.users.properties"
if [[ "${KEEP_BOOK:-0}" == 1 ]]; then
  accounts=0
else
  rm -rf "$data"
fi
[[ "${SKIP_PACKAGE:-0}" == 1 ]] || ./mvnw -B -q -DskipTests package
./mvnw -B -q -Pbench test-compile
password="stress-bench-$(date +%s%N)"
printf 'stress-bench=%s,evaluator,risk-editor\n' "$password" > "$users"
chmod 600 "$users"
pid=$(JAVA_OPTS="-Dbrokerpolicy.security.users-file=$users ${JAVA_OPTS:-}" BP_PORT="$port" BP_DATA_DIR="$data" \
  BP_LOG=/tmp/brokerpolicy-stress-bench.log bench/start-service.sh)
trap 'kill "$pid"; wait "$pid" 2>/dev/null || true' EXIT
./mvnw -B -q -Pbench exec:exec -Dbench.main=io.brokerpolicy.bench.StressBench \
  -Dbench.args="http://127.0.0.1:$port stress-bench $password $pid $accounts ${RUNS:-3}"
