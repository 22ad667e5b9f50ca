-- The request log of the compliance endpoints (audit_access, V30) is write-once for the application role
-- too, like the audit tables in V21.
do $$
begin
    if exists (select 1 from pg_roles where rolname = 'brokerpolicy_app') then
        revoke update, delete, truncate on audit_access from brokerpolicy_app;
        grant select, insert on audit_access to brokerpolicy_app;
        grant usage on all sequences in schema public to brokerpolicy_app;
    end if;
end;
$$;
