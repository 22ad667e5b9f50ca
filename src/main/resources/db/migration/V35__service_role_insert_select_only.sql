-- The service connects as its own role (${approle}; brokerpolicy_app unless
-- quarkus.flyway.placeholders.approle says otherwise) while these migrations run as the owner of the tables.
-- That role may read and add audit rows, never change or remove them: the refusal rests on privileges, not
-- only on the append-only triggers, which an owner could disable. The role is not a superuser, owns no
-- table, and so can neither disable a trigger nor set session_replication_role. When the role does not
-- exist (yet), nothing is granted; create it before the first start (docs/security.md).
do $$
declare
    service text := '${approle}';
begin
    if exists (select 1 from pg_roles where rolname = service) then
        execute format('revoke all on verdict, policy_event, policy_file, audit_read, audit_access,'
            || ' audit_chain_head, policy_version, flyway_schema_history from %I', service);
        execute format('grant usage on schema public to %I', service);
        execute format('grant select, insert on verdict, policy_event, policy_file, audit_read, audit_access to %I',
            service);
        -- The chain head is the one row that must change on every append.
        execute format('grant select, update on audit_chain_head to %I', service);
        -- Policy versions change state (DRAFT -> ACTIVE -> RETIRED); their history is policy_event.
        execute format('grant select, insert, update on policy_version to %I', service);
        execute format('grant usage, select on all sequences in schema public to %I', service);
        -- Tables added by later migrations: read and add only, unless a migration grants more.
        execute format('alter default privileges in schema public grant select, insert on tables to %I', service);
        execute format('alter default privileges in schema public grant usage, select on sequences to %I', service);
    end if;
end;
$$;

-- V1 forgot these: TRUNCATE of the policy files, and of the chain head, is refused like that of the others.
create trigger policy_file_no_truncate before truncate on policy_file
    for each statement execute function refuse_audit_change();
create trigger audit_chain_head_no_truncate before truncate on audit_chain_head
    for each statement execute function refuse_audit_change();
