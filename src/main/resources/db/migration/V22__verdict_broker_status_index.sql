-- "Which accounts of this broker were stopped out?" is the search compliance runs most. With only the
-- single-column indexes of V1 PostgreSQL answers it by walking every stop-out of every broker (or every
-- verdict of the broker) and filtering: 19 ms at 200,000 rows and linear beyond. With this index the
-- page and its count read only the matching entries (EXPLAIN figures in docs/compliance.md).
create index verdict_broker_status_time on verdict (broker_id, status, evaluated_at desc, chain_seq desc);
