-- One Merkle log (RFC 9162) over every audit record: verdicts, policy events, policy files, the audit read
-- and access logs. A writer inserts its row and, through the triggers below, an entry in audit_log_queue, in
-- its own transaction and without any shared lock; a single sequencer later takes queued entries in order,
-- gives each the next leaf index, stores its leaf hash and the subtree hashes it completes, and moves the
-- head. Signed checkpoints of the head go to audit_checkpoint and to a folder outside the database.

-- Records keep their own numbers (chain_seq for verdicts and policy events), now from a sequence: no row
-- waits for another to learn its number. The hash chain of earlier releases ends here; its rows keep their
-- prev_hash and row_hash, and newer rows have none.
create sequence audit_record_seq;
select setval('audit_record_seq', greatest(
        (select last_seq from audit_chain_head where id = 1),
        (select coalesce(max(chain_seq), 0) from verdict),
        (select coalesce(max(chain_seq), 0) from policy_event)) + 1, false);
alter table verdict alter column chain_seq set default nextval('audit_record_seq');
alter table verdict alter column prev_hash drop not null;
alter table verdict alter column row_hash drop not null;
alter table policy_event alter column chain_seq set default nextval('audit_record_seq');
alter table policy_event alter column prev_hash drop not null;
alter table policy_event alter column row_hash drop not null;

-- A policy file gets a number of its own, so a leaf can name it.
alter table policy_file add column id bigint generated always as identity;
create unique index policy_file_id on policy_file (id);

-- Records written but not yet in the tree. Only this table is ever deleted from (by the sequencer).
create table audit_log_queue (
    queue_id   bigint generated always as identity primary key,
    kind       text   not null,
    source_id  bigint not null
);

-- Leaf i of the tree: which record it is and SHA-256(0x00 || the record's canonical bytes).
create table audit_log_leaf (
    leaf_index     bigint      primary key,
    kind           text        not null,
    source_id      bigint      not null,
    leaf_hash      bytea       not null check (length(leaf_hash) = 32),
    integrated_at  timestamptz not null
);
create unique index audit_log_leaf_source on audit_log_leaf (kind, source_id);

-- The hash of every complete subtree of 2^level leaves above the leaves: any proof reads O(log n) of them.
create table audit_log_node (
    level  smallint not null,
    idx    bigint   not null,
    hash   bytea    not null check (length(hash) = 32),
    primary key (level, idx)
);

-- The tree's size and root after the last batch the sequencer took in; its row lock orders sequencers.
create table audit_log_head (
    id          int         primary key check (id = 1),
    tree_size   bigint      not null,
    root_hash   bytea       not null,
    updated_at  timestamptz not null
);
insert into audit_log_head (id, tree_size, root_hash, updated_at) values (1, 0, sha256(''::bytea), now());

-- Signed checkpoints (C2SP tlog-checkpoint notes), one per tree size. frontier: the compact range at that
-- size (32 bytes a subtree, largest first), to resume from.
create table audit_checkpoint (
    tree_size  bigint      primary key,
    root_hash  bytea       not null,
    body       text        not null,
    key_name   text        not null,
    key_id     text        not null,
    signature  bytea       not null,
    signed_at  timestamptz not null,
    frontier   bytea       not null
);

-- Records the service writes about the log itself: the verification of the hash chain of earlier releases
-- when it was taken into the log.
create table audit_log_seal (
    id      bigint      generated always as identity primary key,
    at      timestamptz not null,
    record  bytea       not null
);

-- Every row already stored enters the log, the chain in its order first, so the first checkpoint seals it.
insert into audit_log_queue (kind, source_id)
select kind, chain_seq from (
    select 'verdict' as kind, chain_seq from verdict
    union all
    select 'policy_event', chain_seq from policy_event) chained
order by chain_seq;
insert into audit_log_queue (kind, source_id) select 'policy_file', id from policy_file order by version, path;
insert into audit_log_queue (kind, source_id) select 'audit_read', id from audit_read order by id;
insert into audit_log_queue (kind, source_id) select 'audit_access', id from audit_access order by id;

-- From now on every insert into an audit table queues its rows, whoever inserts them: one statement-level
-- trigger a table, so a batch of thousands of verdicts queues them with one insert.
create function queue_verdicts() returns trigger language plpgsql as $$
begin
    insert into audit_log_queue (kind, source_id) select 'verdict', chain_seq from inserted order by chain_seq;
    return null;
end;
$$;
create trigger verdict_queue after insert on verdict referencing new table as inserted
    for each statement execute function queue_verdicts();

create function queue_policy_events() returns trigger language plpgsql as $$
begin
    insert into audit_log_queue (kind, source_id) select 'policy_event', chain_seq from inserted order by chain_seq;
    return null;
end;
$$;
create trigger policy_event_queue after insert on policy_event referencing new table as inserted
    for each statement execute function queue_policy_events();

create function queue_policy_files() returns trigger language plpgsql as $$
begin
    insert into audit_log_queue (kind, source_id) select 'policy_file', id from inserted order by id;
    return null;
end;
$$;
create trigger policy_file_queue after insert on policy_file referencing new table as inserted
    for each statement execute function queue_policy_files();

create function queue_audit_reads() returns trigger language plpgsql as $$
begin
    insert into audit_log_queue (kind, source_id) select 'audit_read', id from inserted order by id;
    return null;
end;
$$;
create trigger audit_read_queue after insert on audit_read referencing new table as inserted
    for each statement execute function queue_audit_reads();

create function queue_audit_accesses() returns trigger language plpgsql as $$
begin
    insert into audit_log_queue (kind, source_id) select 'audit_access', id from inserted order by id;
    return null;
end;
$$;
create trigger audit_access_queue after insert on audit_access referencing new table as inserted
    for each statement execute function queue_audit_accesses();

create function queue_seals() returns trigger language plpgsql as $$
begin
    insert into audit_log_queue (kind, source_id) select 'audit_log_seal', id from inserted order by id;
    return null;
end;
$$;
create trigger audit_log_seal_queue after insert on audit_log_seal referencing new table as inserted
    for each statement execute function queue_seals();

-- The tree, its checkpoints and the seals are write-once like the records.
create trigger audit_log_leaf_append_only before update or delete on audit_log_leaf
    for each row execute function refuse_audit_change();
create trigger audit_log_node_append_only before update or delete on audit_log_node
    for each row execute function refuse_audit_change();
create trigger audit_checkpoint_append_only before update or delete on audit_checkpoint
    for each row execute function refuse_audit_change();
create trigger audit_log_seal_append_only before update or delete on audit_log_seal
    for each row execute function refuse_audit_change();
create trigger audit_log_leaf_no_truncate before truncate on audit_log_leaf
    for each statement execute function refuse_audit_change();
create trigger audit_log_node_no_truncate before truncate on audit_log_node
    for each statement execute function refuse_audit_change();
create trigger audit_checkpoint_no_truncate before truncate on audit_checkpoint
    for each statement execute function refuse_audit_change();

-- The service's role (${approle}, V35) adds to the log and reads it; it moves the head and empties the
-- queue, nothing else.
do $$
declare
    service text := '${approle}';
begin
    if exists (select 1 from pg_roles where rolname = service) then
        execute format('revoke all on audit_log_leaf, audit_log_node, audit_checkpoint, audit_log_seal,'
            || ' audit_log_head, audit_log_queue from %I', service);
        execute format('grant select, insert on audit_log_leaf, audit_log_node, audit_checkpoint, audit_log_seal to %I',
            service);
        execute format('grant select, insert, delete on audit_log_queue to %I', service);
        execute format('grant select, update on audit_log_head to %I', service);
        execute format('grant usage, select on all sequences in schema public to %I', service);
    end if;
end;
$$;

-- Downloading a proof is recorded like any other read of the audit record.
alter table audit_read drop constraint audit_read_action_check;
alter table audit_read add constraint audit_read_action_check
    check (action in ('READ', 'SEARCH', 'REPLAY', 'EXPORT', 'VERIFY', 'PROOF'));
