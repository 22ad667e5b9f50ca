#!/bin/sh
# Run once by the postgres image on an empty data volume. Makes the two roles of docs/security.md:
#   brokerpolicy      owns the database brokerpolicy and its tables; the migrations run as it
#   brokerpolicy_app  the role the service connects as: the migrations grant it SELECT and INSERT on the
#                     audit tables and nothing that changes or removes a row
# Neither is a superuser. The passwords come from the environment (docker-compose.yml).
set -e
: "${BROKERPOLICY_OWNER_DB_PASSWORD:?must be set}" "${BROKERPOLICY_APP_DB_PASSWORD:?must be set}"
psql -v ON_ERROR_STOP=1 -U "$POSTGRES_USER" -d postgres \
     -v owner_pw="$BROKERPOLICY_OWNER_DB_PASSWORD" -v app_pw="$BROKERPOLICY_APP_DB_PASSWORD" <<'SQL'
create role brokerpolicy login password :'owner_pw';
create role brokerpolicy_app login password :'app_pw';
create database brokerpolicy owner brokerpolicy;
SQL
psql -v ON_ERROR_STOP=1 -U "$POSTGRES_USER" -d brokerpolicy <<'SQL'
revoke all on database brokerpolicy from public;
grant connect, temporary on database brokerpolicy to brokerpolicy_app;
alter schema public owner to brokerpolicy;
revoke all on schema public from public;
grant usage on schema public to brokerpolicy_app;
SQL
