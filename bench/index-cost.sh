#!/usr/bin/env bash
# What each index of the verdict table costs an insert: 20,000 verdict rows (JSON columns of about the
# service's size) inserted in transactions of 1,000, as a batch request stores them, into a copy of the
# verdict table with no secondary index, then with each index alone, then with all of them. Runs against a
# scratch database of its own on a PostgreSQL server (default: the local one at 127.0.0.1:5432, trust auth);
# durable commits (synchronous_commit on). Prints milliseconds per 1,000 rows and the extra per index.
# Environment: PGHOST (127.0.0.1), PGPORT (5432), PGUSER (postgres), ROWS (20000), ROUNDS (3, the median is shown).
set -euo pipefail
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
rows="${ROWS:-20000}"; rounds="${ROUNDS:-3}"; db=brokerpolicy_index_cost
psql -qAt -d postgres -c "select 1 from pg_database where datname = '$db'" | grep -q 1 \
  || psql -q -d postgres -c "create database $db" >/dev/null
q() { PGOPTIONS="-c client_min_messages=warning" psql -qAt -d "$db" -v ON_ERROR_STOP=1 -c "$1"; }
q "drop table if exists verdict_src, verdict_cost"
q "create table verdict_src as select i as n, gen_random_uuid() as verdict_id, 'cost-' || i as snapshot_id,
     'sha256:' || md5(i::text) as snapshot_hash, 'A-' || (i % 2000) as account_id, 'broker-' || (i % 5) as broker_id,
     'standard' as account_type, case when i % 100 < 3 then 'STOP_OUT' when i % 100 < 10 then 'MARGIN_CALL' else 'HEALTHY' end as status,
     1 + (i % 10) as policy_version, 'sha256:p' as policy_hash, now() - i * interval '1 second' as as_of,
     now() - i * interval '1 second' as evaluated_at,
     json_build_object('snapshotId', 'cost-' || i, 'positions', (select json_agg(json_build_object('positionId', 'p' || k,
       'symbol', 'EURUSD', 'quantity', '0.10', 'openPrice', '1.1000', 'markPrice', '1.0850')) from generate_series(1, 1 + i % 10) k))::text as snapshot,
     json_build_object('verdictId', i, 'explanation', repeat('margin level 85.20% is below the margin call level. ', 20),
       'liquidationPrices', (select json_agg(json_build_object('positionId', 'p' || k, 'price', '1.0234')) from generate_series(1, 1 + i % 10) k))::text as verdict
   from generate_series(1, $rows) i; alter table verdict_src add primary key (n)"; q "vacuum analyze verdict_src"
declare -A idx=(
  [verdict_id_unique]="create unique index on verdict_cost (verdict_id)"
  [snapshot_id_unique]="create unique index on verdict_cost (snapshot_id)"
  [account_time]="create index on verdict_cost (account_id, evaluated_at desc, chain_seq desc)"
  [broker_time]="create index on verdict_cost (broker_id, evaluated_at desc, chain_seq desc)"
  [status_time]="create index on verdict_cost (status, evaluated_at desc, chain_seq desc)"
  [policy_time]="create index on verdict_cost (policy_version, evaluated_at desc, chain_seq desc)"
  [time]="create index on verdict_cost (evaluated_at desc, chain_seq desc)"
  [broker_status_time]="create index on verdict_cost (broker_id, status, evaluated_at desc, chain_seq desc)"
)
measure() { # label, index DDL (may be empty or several, separated by ;)
  local times=()
  for _ in $(seq 1 "$rounds"); do
    q "drop table if exists verdict_cost; create table verdict_cost (chain_seq bigserial primary key, verdict_id uuid not null,
       snapshot_id text not null, snapshot_hash text not null, account_id text not null, broker_id text not null,
       account_type text not null, status text not null, policy_version bigint not null, policy_hash text not null,
       as_of timestamptz not null, evaluated_at timestamptz not null, snapshot ${COLUMN_TYPE:-json} not null, verdict ${COLUMN_TYPE:-json} not null)"
    [[ -n "$2" ]] && q "$2"
    local start end
    for from in $(seq 0 1000 $(( rows - 1 ))); do
      echo "insert into verdict_cost (verdict_id, snapshot_id, snapshot_hash, account_id, broker_id, account_type, status,
         policy_version, policy_hash, as_of, evaluated_at, snapshot, verdict)
         select verdict_id, snapshot_id, snapshot_hash, account_id, broker_id, account_type, status, policy_version,
         policy_hash, as_of, evaluated_at, snapshot::${COLUMN_TYPE:-json}, verdict::${COLUMN_TYPE:-json} from verdict_src where n > $from and n <= $from + 1000;"
    done >/tmp/brokerpolicy-index-cost.sql
    start=$(date +%s%N)
    psql -qAt -d "$db" -v ON_ERROR_STOP=1 -f /tmp/brokerpolicy-index-cost.sql >/dev/null
    end=$(date +%s%N)
    times+=("$(( (end - start) / 1000 / (rows / 1000) ))")
  done
  printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (rounds + 1) / 2 ))p" | awk -v l="$1" -v la="$(cut -d' ' -f1 /proc/loadavg)" \
    '{printf "%-22s %8.1f ms per 1,000 rows   [load average %s]\n", l, $1 / 1000, la}'
}
echo "index cost on $(psql -qAt -d "$db" -c 'show server_version'), synchronous_commit $(psql -qAt -d "$db" -c 'show synchronous_commit'), $rows rows, median of $rounds"
measure "primary key only" ""
all=""
for name in verdict_id_unique snapshot_id_unique account_time broker_time status_time policy_time time broker_status_time; do
  measure "+ $name" "${idx[$name]}"
  all="$all${idx[$name]};"
done
measure "all (as the service)" "$all"
COLUMN_TYPE=text measure "all, text not json" "$all"
echo "(the read of 1,000 source rows by key is in every figure; 'primary key only' is the floor; the last line stores
 the two documents as text instead of json, which PostgreSQL then does not parse on the way in)"
q "drop table if exists verdict_src, verdict_cost"
