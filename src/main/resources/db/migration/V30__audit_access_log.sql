-- Every request to /api/v1/verdicts* and /api/v1/audit* that passed the
-- role check, with the user, what was asked and what was answered. Append-only like the other audit tables.
create table audit_access (
    id      bigserial   primary key,
    at      timestamptz not null,
    actor   text        not null,
    method  text        not null,
    path    text        not null,
    query   text,
    status  int         not null
);
create index audit_access_actor_time on audit_access (actor, at desc);
create index audit_access_time on audit_access (at desc);

create trigger audit_access_append_only before update or delete on audit_access
    for each row execute function refuse_audit_change();
create trigger audit_access_no_truncate before truncate on audit_access
    for each statement execute function refuse_audit_change();
