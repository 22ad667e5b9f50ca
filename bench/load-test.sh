#!/usr/bin/env bash
# End-to-end load test of a running brokerpolicy service (docs/benchmarks.md). Loopback only.
#   bench/load-test.sh [single|batch|both]
# Environment: BP_URL (default http://127.0.0.1:48080), BP_USER / BP_PASSWORD (HTTP Basic, optional),
# DURATION (seconds per mode, default 20), SINGLE_CONNECTIONS (default 8), BATCH_CONNECTIONS (default 4),
# BATCH_SIZE (default 1000), MAX_REQUESTS (per wrk thread, default 200000), BP_PID (the service's pid:
# then the CPU time the service used is reported too, verdicts per CPU-second being the figure that other
# processes on a shared machine disturb least); BP_DATA_DIR (the embedded PostgreSQL's data folder: then its CPU
# time is reported too).
set -euo pipefail
cd "$(dirname "$0")"

url="${BP_URL:-http://127.0.0.1:48080}"
case "$url" in
  http://127.*|http://localhost[:/]*|http://localhost|http://\[::1\]*) ;;
  *) echo "refusing $url: the load test only drives a service on this machine (loopback)" >&2; exit 2 ;;
esac
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 2; }
mode="${1:-both}"
duration="${DURATION:-20}"
max_requests="${MAX_REQUESTS:-200000}"
run_id="$(date +%s%N)"
auth=()
if [[ -n "${BP_USER:-}" ]]; then
  auth=(-H "Authorization: Basic $(printf '%s:%s' "$BP_USER" "${BP_PASSWORD:-}" | base64 -w0)")
fi

curl -fsS "${url}/q/health/ready" >/dev/null || { echo "the service at $url is not ready" >&2; exit 1; }

cpu_ticks() { # user + system clock ticks of a process
  awk '{print $14 + $15}' "/proc/$1/stat"
}

pg_ticks() { # user + system clock ticks of the embedded PostgreSQL in BP_DATA_DIR (postmaster and its children)
  local pm total=0 pid
  [[ -n "${BP_DATA_DIR:-}" ]] || { echo 0; return; }
  pm=$(pgrep -f -- "postgres -D ${BP_DATA_DIR}" | head -1 || true)
  [[ -n "$pm" ]] || { echo 0; return; }
  for pid in "$pm" $(pgrep -P "$pm" || true); do
    [[ -r "/proc/$pid/stat" ]] && total=$(( total + $(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || echo 0) ))
  done
  echo "$total"
}

thread_ticks() { # "tid ticks name" for every thread of a process (comm may hold spaces: parsed after its ')')
  local t
  for t in /proc/"$1"/task/*; do
    [[ -r "$t/stat" ]] || continue
    awk -v tid="${t##*/}" -v name="$(tr ' ' '_' <"$t/comm" 2>/dev/null)" \
      '{ line = $0; sub(/^.*\) /, "", line); split(line, f, " "); print tid, f[12] + f[13], name }' "$t/stat" 2>/dev/null
  done
}

threads_report() { # before-file after-file: CPU seconds per thread group (names without their numbers), largest first
  awk -v hz="$(getconf CLK_TCK)" 'NR == FNR { before[$1] = $2; next }
    { d = $2 - before[$1]; name = $3; sub(/[-#_]?[0-9]+$/, "", name); by[name] += d; total += d }
    END { for (n in by) if (by[n] > 0) printf "%7.1f s %5.1f%%  %s\n", by[n] / hz, 100 * by[n] / total, n }' "$1" "$2" \
    | sort -rn | head -"${THREAD_GROUPS:-8}" | sed 's/^/  service threads: /'
}

run() { # mode connections batch-size
  echo "== $1: $2 connections, ${duration}s, batch size $3"
  local before=0 out
  local pg_before=0
  local threads_before=/tmp/brokerpolicy-threads-before.$$ threads_after=/tmp/brokerpolicy-threads-after.$$
  [[ -n "${BP_PID:-}" ]] && before=$(cpu_ticks "$BP_PID") && pg_before=$(pg_ticks "$BP_PID") && thread_ticks "$BP_PID" >"$threads_before"
  out=$(wrk -t"$(( $2 < 2 ? 1 : 2 ))" -c"$2" -d"${duration}s" --timeout 10s "${auth[@]}" -s evaluate.lua "$url" -- "$1" "$3" "$max_requests" "$run_id-$1")
  grep -E "Non-2xx|Socket errors" <<<"$out" || true
  local result
  result=$(grep RESULT <<<"$out")
  echo "$result"
  if [[ -n "${BP_PID:-}" ]]; then
    local cpu stored
    cpu=$(awk -v t=$(( $(cpu_ticks "$BP_PID") - before )) -v hz="$(getconf CLK_TCK)" 'BEGIN {printf "%.1f", t / hz}')
    stored=$(sed -E 's/.*verdicts_stored=([0-9]+).*/\1/' <<<"$result")
    local pg
    [[ -n "${BP_DATA_DIR:-}" ]] && pg=$(awk -v t=$(( $(pg_ticks "$BP_PID") - pg_before )) -v hz="$(getconf CLK_TCK)" 'BEGIN {printf "%.1f", t / hz}')
    [[ -n "${BP_DATA_DIR:-}" ]] && awk -v c="$pg" -v s="$stored" 'BEGIN {printf "embedded PostgreSQL CPU %.1f s (its backends that lived through the run): %.0f us per stored verdict\n", c, (s > 0 ? 1e6 * c / s : 0)}'
    thread_ticks "$BP_PID" >"$threads_after"
    threads_report "$threads_before" "$threads_after"
    rm -f "$threads_before" "$threads_after"
    awk -v c="$cpu" -v s="$stored" 'BEGIN {printf "service CPU %.1f s: %.0f verdicts per CPU-second, %.0f us of service CPU per stored verdict\n", c, (c > 0 ? s / c : 0), (s > 0 ? 1e6 * c / s : 0)}'
  fi
}

if [[ "$mode" == single || "$mode" == both ]]; then
  run single "${SINGLE_CONNECTIONS:-8}" 1
fi
if [[ "$mode" == batch || "$mode" == both ]]; then
  run batch "${BATCH_CONNECTIONS:-4}" "${BATCH_SIZE:-1000}"
fi
