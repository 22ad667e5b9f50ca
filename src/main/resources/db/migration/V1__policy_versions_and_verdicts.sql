-- Policy versions: one row per revision of the whole bundle (rules/ + policies/).
-- The row's state changes (DRAFT -> ACTIVE -> RETIRED); the history of those changes is policy_event,
-- which, like the files and the verdicts, is never updated or deleted.
create table policy_version (
    version       bigint primary key,
    hash          text        not null,
    state         text        not null check (state in ('DRAFT', 'ACTIVE', 'RETIRED', 'REJECTED')),
    source        text        not null,
    created_by    text        not null,
    created_at    timestamptz not null,
    activated_at  timestamptz,
    errors        text
);
create index policy_version_hash on policy_version (hash);
create unique index policy_version_one_active on policy_version ((true)) where state = 'ACTIVE';

create table policy_file (
    version  bigint not null references policy_version (version),
    path     text   not null,
    content  text   not null,
    primary key (version, path)
);

-- The audit chain: verdicts and policy events share one sequence of links. Each row carries the hash
-- of the previous link and its own hash over its content and that previous hash.
create table audit_chain_head (
    id        int primary key check (id = 1),
    last_seq  bigint not null,
    last_hash text   not null
);
insert into audit_chain_head (id, last_seq, last_hash) values (1, 0, 'sha256:genesis');

create table policy_event (
    chain_seq   bigint primary key,
    version     bigint      not null references policy_version (version),
    action      text        not null,
    actor       text        not null,
    at          timestamptz not null,
    detail      text,
    prev_hash   text        not null,
    row_hash    text        not null
);

create table verdict (
    chain_seq      bigint primary key,
    verdict_id     uuid        not null unique,
    snapshot_id    text        not null unique,
    snapshot_hash  text        not null,
    account_id     text        not null,
    broker_id      text        not null,
    account_type   text        not null,
    status         text        not null,
    policy_version bigint      not null references policy_version (version),
    policy_hash    text        not null,
    as_of          timestamptz not null,
    evaluated_at   timestamptz not null,
    snapshot       json        not null,
    verdict        json        not null,
    prev_hash      text        not null,
    row_hash       text        not null
);
create index verdict_account_time on verdict (account_id, evaluated_at desc, chain_seq desc);
create index verdict_broker_time on verdict (broker_id, evaluated_at desc, chain_seq desc);
create index verdict_status_time on verdict (status, evaluated_at desc, chain_seq desc);
create index verdict_policy_time on verdict (policy_version, evaluated_at desc, chain_seq desc);
create index verdict_time on verdict (evaluated_at desc, chain_seq desc);

-- Audit rows are write-once, whoever connects: corrections are new rows that point to what they correct.
create function refuse_audit_change() returns trigger language plpgsql as $$
begin
    raise exception 'audit rows in % are append-only: % refused', tg_table_name, tg_op
        using errcode = 'insufficient_privilege';
end;
$$;
create trigger verdict_append_only before update or delete on verdict
    for each row execute function refuse_audit_change();
create trigger policy_event_append_only before update or delete on policy_event
    for each row execute function refuse_audit_change();
create trigger policy_file_append_only before update or delete on policy_file
    for each row execute function refuse_audit_change();
create trigger verdict_no_truncate before truncate on verdict
    for each statement execute function refuse_audit_change();
create trigger policy_event_no_truncate before truncate on policy_event
    for each statement execute function refuse_audit_change();
