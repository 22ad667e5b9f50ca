#!/usr/bin/env bash
# The batch path right after a start: COUNT batches of BATCH_SIZE snapshots (1-10 positions, new snapshotIds)
# sent one after another to a running service, each one's time printed: how far the first batches after a
# start are from steady speed. Loopback only. Environment: BP_URL, BP_USER/BP_PASSWORD, COUNT (default 12),
# BATCH_SIZE (default 1000).
set -euo pipefail
url="${BP_URL:-http://127.0.0.1:48080}"
case "$url" in
  http://127.*|http://localhost[:/]*|http://localhost) ;;
  *) echo "refusing $url: loopback only" >&2; exit 2 ;;
esac
count="${COUNT:-12}"; size="${BATCH_SIZE:-1000}"
dir=$(mktemp -d /tmp/brokerpolicy-first-batches.XXXXXX)
trap 'rm -rf "$dir"' EXIT
python3 - "$dir" "$count" "$size" <<'PY'
import json, sys, time
out, count, size = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
templates = [("EURUSD", "FX_MAJOR", "LONG", "0.10", "100000", "1.1000", "1.0850", "30"),
             ("GBPUSD", "FX_MAJOR", "SHORT", "0.05", "100000", "1.2500", "1.2400", "30"),
             ("DE40", "INDEX_MAJOR", "LONG", "1", "1", "18000", "17800", "20"),
             ("USDJPY", "FX_MAJOR", "LONG", "0.02", "100000", "150.00", "149.20", "30"),
             ("XAUUSD", "GOLD", "SHORT", "0.01", "100", "2400.00", "2410.50", "20"),
             ("AUDCAD", "FX_MINOR", "LONG", "0.03", "100000", "0.9100", "0.9080", "20"),
             ("US500", "INDEX_MAJOR", "SHORT", "0.5", "1", "5200", "5180", "20"),
             ("AAPL", "EQUITY", "LONG", "2", "1", "190.00", "187.50", "5"),
             ("EURGBP", "FX_MINOR", "SHORT", "0.04", "100000", "0.8600", "0.8610", "20"),
             ("JP225", "INDEX_MINOR", "LONG", "0.2", "1", "38000", "37900", "10")]
run = str(time.time_ns())
for b in range(count):
    batch = []
    for i in range(size):
        n = b * size + i
        positions = [dict(positionId="p%d" % k, symbol=t[0], assetClass=t[1], side=t[2], quantity=t[3], contractSize=t[4],
                          openPrice=t[5], markPrice=t[6], leverage=t[7], swap="-0.40", fees="0", openedAt="2026-11-20T09:00:00Z")
                     for k, t in enumerate(templates[:1 + n % 10])]
        batch.append(dict(snapshotId="first-%s-%d" % (run, n), accountId="A-%d" % (n % 5000), brokerId="acme-fx",
                          accountType="standard", kycTier="FULL", jurisdiction="EU", clientCategory="RETAIL", currency="USD",
                          accountOpenedAt="2025-01-10T00:00:00Z", asOf="2026-11-21T14:03:11Z",
                          balance="%d.00" % (400 + (n % 12) * 150), positions=positions))
    with open("%s/%03d.json" % (out, b), "w") as f:
        json.dump(batch, f, separators=(",", ":"))
PY
auth=()
[[ -n "${BP_USER:-}" ]] && auth=(-u "$BP_USER:${BP_PASSWORD:-}")
times=()
for f in "$dir"/*.json; do
  t=$(curl -sS -o /dev/null -w '%{http_code} %{time_total}' "${auth[@]}" -H 'Content-Type: application/json' \
      --data-binary @"$f" --max-time 30 "$url/api/v1/evaluations/batch")
  [[ "${t%% *}" == 200 ]] || { echo "batch $(basename "$f") answered ${t%% *}" >&2; }
  times+=("$(awk -v s="${t#* }" 'BEGIN {printf "%.0f", s * 1000}')")
done
echo "first $count batches of $size after ready, ms each: ${times[*]}"
awk -v size="$size" 'BEGIN { n = split(ARGV[1], t, " "); ARGV[1] = "";
  printf "first batch %d ms (%.0f verdicts/s); last three %.0f ms on average (%.0f verdicts/s)\n", t[1], size * 1000 / t[1],
    (t[n] + t[n-1] + t[n-2]) / 3, size * 3000 / (t[n] + t[n-1] + t[n-2]) }' "${times[*]}"
