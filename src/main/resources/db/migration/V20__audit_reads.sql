-- Who looked at the audit record, and what they did with it: reads of a verdict's record, replays,
-- searches, exports and chain verifications. Like the audit rows it is append-only; it is an access
-- log, not a link of the hash chain (reading must not lengthen the chain that records decisions).
create table audit_read (
    id      bigint generated always as identity primary key,
    at      timestamptz not null,
    actor   text        not null,
    action  text        not null check (action in ('READ', 'SEARCH', 'REPLAY', 'EXPORT', 'VERIFY')),
    target  text,
    detail  text
);
create index audit_read_time on audit_read (at desc, id desc);

create trigger audit_read_append_only before update or delete on audit_read
    for each row execute function refuse_audit_change();
create trigger audit_read_no_truncate before truncate on audit_read
    for each statement execute function refuse_audit_change();
