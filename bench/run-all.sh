#!/usr/bin/env bash
# Every benchmark figure of docs/benchmarks.md in one run, bounded: about 8 minutes with the defaults on a quiet
# 2-core machine, the jar build not included; each step has a time limit (JMH 8 min, RequestPathCost 150 s, each
# start READY_TIMEOUT 90 s, each first batch 30 s, index cost 3 min), so a stuck step cannot hold the run:
#   1. the engine against the plain-Java reference of the same policy (JMH, the ratio); the service's own CPU per
#      snapshot of a batch request, step by step (intake through a tree as before and from the stream as now,
#      hash, engine, verdict documents; RequestPathCost);
#   2. the service: ready time on the embedded PostgreSQL with its data kept (second start on one folder);
#      the batch path in the first seconds after ready (warm start); then, after a warm-up, batches
#      (4 clients x 1,000 snapshots of 1-10 positions) and single requests (16 connections, wrk), each with
#      the service's CPU per stored verdict; a JFR profile of the service over the measured runs;
#   3. what each index of the verdict table costs an insert (bench/index-cost.sh).
# The machine's load average is printed beside every figure: on a shared machine a figure means little without it.
# The output replaces the generated section of docs/benchmarks.md (between its markers); nothing else is touched.
# Environment (all optional):
#   JMH_ARGS      JMH options (default "-wi 2 -i 3 -p positions=5,1-20"; "" = all sizes, 4+5 iterations of 2 s)
#   DURATION      seconds per measured end-to-end mode (default 20)
#   WARMUP        seconds per mode of discarded end-to-end warm-up (default 10)
#   COLD          batches timed one by one right after ready (default 12; 0 skips)
#   BATCH_CONNECTIONS (default 4), BATCH_SIZE (default 1000), SINGLE_CONNECTIONS (default 16)
#   PROFILE       1 (default) records JFR on the service and prints where its CPU time went; 0 skips
#   CDS=0         skips the start with a class-data archive (dumped at the first start's exit; JDK 17 dynamic CDS)
#   INDEX_COST=0  skips part 3 (needs psql and a PostgreSQL server: PGHOST, PGUSER; ROWS, ROUNDS)
#   STEP_SECONDS  seconds per step of RequestPathCost (default 4)
#   SKIP_JMH=1    skips part 1;  BP_PORT (default 48080);  REBUILD=1 rebuilds the service jar first
set -euo pipefail
cd "$(dirname "$0")/.."

load() { cut -d' ' -f1-3 /proc/loadavg; }
say() { echo "[load average $(load)] $*"; }

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 2; }
out=$(mktemp /tmp/brokerpolicy-run-all.XXXXXX)
exec > >(tee "$out") 2>&1

say "bench/run-all.sh on $(nproc) CPUs, $(java -version 2>&1 | head -1), commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown), $(date -u +%Y-%m-%dT%H:%MZ)"

# 1. Engine against plain Java (JMH; one JVM fork of its own).
if [[ "${SKIP_JMH:-0}" != 1 ]]; then
  jmh_args="${JMH_ARGS--wi 2 -i 3 -p positions=5,1-20}"
  say "JMH: engine against plain Java ($jmh_args)"
  jmh_start=$(load)
  timeout 480 ./mvnw -B -q -Pbench test-compile exec:exec -Dbench.args="$jmh_args" >/tmp/brokerpolicy-run-all-jmh.txt 2>&1 \
    || { say "JMH failed; its output: /tmp/brokerpolicy-run-all-jmh.txt"; tail -20 /tmp/brokerpolicy-run-all-jmh.txt; }
  sed -n '/^Snapshots per second/,$p' /tmp/brokerpolicy-run-all-jmh.txt
  say "JMH done (load average at its start: $jmh_start)"
  say "the service's own work on a batch request, step by step, CPU time of one thread (RequestPathCost, ${STEP_SECONDS:-4} s a step)"
  timeout 150 ./mvnw -B -q -Pbench exec:exec -Dbench.main=io.brokerpolicy.bench.RequestPathCost \
    -Dbench.args="${STEP_SECONDS:-4}" 2>/dev/null | sed -n '/^Service CPU per snapshot/,$p' | sed "s/^/[load average $(load)] /" \
    || say "RequestPathCost failed"
fi

# 2. The service end to end.
if [[ "${REBUILD:-0}" == 1 || ! -f target/quarkus-app/quarkus-run.jar ]]; then
  say "building the service jar"
  ./mvnw -B -q -DskipTests package
fi
data=$(mktemp -d /tmp/brokerpolicy-run-all-data.XXXXXX)
unset QUARKUS_DATASOURCE_JDBC_URL QUARKUS_DATASOURCE_USERNAME QUARKUS_DATASOURCE_PASSWORD
export BP_URL="http://127.0.0.1:${BP_PORT:-48080}"
BP_PID=""
stop_service() {
  [[ -n "$BP_PID" ]] || return 0
  kill "$BP_PID" 2>/dev/null || true
  for _ in $(seq 1 300); do kill -0 "$BP_PID" 2>/dev/null || break; sleep 0.1; done
  kill -0 "$BP_PID" 2>/dev/null && kill -9 "$BP_PID" 2>/dev/null || true
  BP_PID=""
}
trap stop_service EXIT

cds=/tmp/brokerpolicy-run-all-cds.jsa
rm -f "$cds"
first_opts=""
[[ "${CDS:-1}" == 1 ]] && first_opts="-XX:ArchiveClassesAtExit=$cds"
say "first start on a new data folder ($data): initdb, migrations, the policy stored${first_opts:+; a class-data archive written at its exit}"
BP_PID=$(JAVA_OPTS="$first_opts" BP_DATA_DIR="$data" BP_LOG=/tmp/brokerpolicy-run-all-first.log bench/start-service.sh 2>/tmp/brokerpolicy-run-all-ready.txt)
say "$(cat /tmp/brokerpolicy-run-all-ready.txt)"
stop_service

if [[ "${CDS:-1}" == 1 && -s "$cds" ]]; then
  say "start on the same data folder with the class-data archive (-XX:SharedArchiveFile, $(du -h "$cds" | cut -f1))"
  BP_PID=$(JAVA_OPTS="-XX:SharedArchiveFile=$cds" BP_DATA_DIR="$data" BP_LOG=/tmp/brokerpolicy-run-all-cds.log bench/start-service.sh 2>/tmp/brokerpolicy-run-all-ready.txt)
  say "READY with CDS: $(cat /tmp/brokerpolicy-run-all-ready.txt)"
  stop_service
fi

jfr=/tmp/brokerpolicy-run-all.jfr
rm -f "$jfr"
say "start on the same data folder (data kept): the figure for 'ready < 5 s'"
BP_PID=$(BP_DATA_DIR="$data" BP_LOG=/tmp/brokerpolicy-run-all-service.log bench/start-service.sh 2>/tmp/brokerpolicy-run-all-ready.txt)
say "READY $(cat /tmp/brokerpolicy-run-all-ready.txt)"
export BP_PID BP_USER=evaluator BP_DATA_DIR="$data"
BP_PASSWORD=$(sed -n 's/^evaluator=\([^,]*\),.*/\1/p' "$data/users.properties")
export BP_PASSWORD
export BATCH_CONNECTIONS="${BATCH_CONNECTIONS:-4}" BATCH_SIZE="${BATCH_SIZE:-1000}" SINGLE_CONNECTIONS="${SINGLE_CONNECTIONS:-16}"

if [[ "${COLD:-12}" -gt 0 ]]; then
  say "the first ${COLD:-12} batches right after ready, one after another: how far from steady speed a fresh start is"
  COUNT="${COLD:-12}" bench/first-batches.sh | sed "s/^/[load average $(load)] /"
fi
say "warm-up, ${WARMUP:-10} s a mode (discarded)"
DURATION="${WARMUP:-10}" bench/load-test.sh both >/dev/null
if [[ "${PROFILE:-1}" == 1 ]]; then
  jcmd "$BP_PID" JFR.start name=bench settings=profile filename="$jfr" >/dev/null
fi
for mode in batch single; do
  say "end to end, $mode"
  DURATION="${DURATION:-20}" bench/load-test.sh "$mode" | sed "s/^/[load average $(load)] /"
done
if [[ "${PROFILE:-1}" == 1 ]]; then
  jcmd "$BP_PID" JFR.stop name=bench >/dev/null
fi
stop_service
trap - EXIT
if [[ "${PROFILE:-1}" == 1 && -s "$jfr" ]]; then
  say "where the service's CPU time went over the measured runs (JFR execution samples, $jfr)"
  bench/jfr-top.sh "$jfr" 12
fi
rm -rf "$data"

# 3. What each index of the verdict table costs an insert (on the local PostgreSQL server, a scratch database).
if [[ "${INDEX_COST:-1}" == 1 ]] && command -v psql >/dev/null \
   && psql -h "${PGHOST:-127.0.0.1}" -U "${PGUSER:-postgres}" -d postgres -qAtc 'select 1' >/dev/null 2>&1; then
  say "index cost (bench/index-cost.sh, ROWS=${ROWS:-10000}, ROUNDS=${ROUNDS:-3})"
  ROWS="${ROWS:-10000}" ROUNDS="${ROUNDS:-3}" timeout 180 bench/index-cost.sh || say "index cost failed or timed out"
else
  say "index cost skipped (INDEX_COST=0, or no PostgreSQL server at ${PGHOST:-127.0.0.1} for psql)"
fi
say "done"

# The generated section of docs/benchmarks.md, between its markers (appended at the end when they are missing).
doc=docs/benchmarks.md
begin='<!-- generated by bench/run-all.sh: begin -->'
end='<!-- generated by bench/run-all.sh: end -->'
if ! grep -qF "$begin" "$doc"; then
  printf '\n## Generated by bench/run-all.sh\n\n%s\n%s\n' "$begin" "$end" >>"$doc"
fi
section=$(mktemp)
{
  echo "$begin"
  echo "Last run: \`bench/run-all.sh\`, output as printed (the load average in brackets is the machine's at that line)."
  echo
  echo '```text'
  grep -v '^\s*$' "$out" | sed 's/\x1b\[[0-9;]*m//g'
  echo '```'
  echo "$end"
} >"$section"
awk -v begin="$begin" -v end="$end" -v section="$section" '
  $0 == begin { while ((getline line < section) > 0) print line; skip = 1; next }
  $0 == end { skip = 0; next }
  !skip { print }' "$doc" >"$doc.tmp" && mv "$doc.tmp" "$doc"
rm -f "$section"
echo "wrote the generated section of $doc"
