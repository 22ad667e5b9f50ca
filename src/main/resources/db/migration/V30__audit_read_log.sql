-- Who read the audit records: every request to /api/v1/verdicts* and /api/v1/audit* that passed the
-- role check, with the user, what was asked and what was answered. Append-only like the other audit tables.
create table audit_read (
    id      bigserial   primary key,
    at      timestamptz not null,
    actor   text        not null,
    method  text        not null,
    path    text        not null,
    query   text,
    status  int         not null
);
create index audit_read_actor_time on audit_read (actor, at desc);
create index audit_read_time on audit_read (at desc);

create trigger audit_read_append_only before update or delete on audit_read
    for each row execute function refuse_audit_change();
create trigger audit_read_no_truncate before truncate on audit_read
    for each statement execute function refuse_audit_change();
