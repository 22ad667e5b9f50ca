-- When an operator runs the service under a separate application role (docs/compliance.md, "The
-- database role"), that role may add audit rows and read them, never change or remove them. The
-- append-only triggers refuse UPDATE, DELETE and TRUNCATE whoever connects; this removes the
-- privileges as well, so the refusal does not rest on triggers a table owner could disable.
-- The role is named brokerpolicy_app; when it does not exist (the embedded default, where the service
-- connects as the owner) this migration changes nothing.
do $$
begin
    if exists (select 1 from pg_roles where rolname = 'brokerpolicy_app') then
        revoke update, delete, truncate on verdict, policy_event, policy_file, audit_read from brokerpolicy_app;
        grant select, insert on verdict, policy_event, policy_file, audit_read to brokerpolicy_app;
        -- The chain head is the one row that must change on every append.
        grant select, update on audit_chain_head to brokerpolicy_app;
        -- Policy versions change state (DRAFT -> ACTIVE -> RETIRED); their history is policy_event.
        grant select, insert, update on policy_version to brokerpolicy_app;
        grant usage on all sequences in schema public to brokerpolicy_app;
    end if;
end;
$$;
