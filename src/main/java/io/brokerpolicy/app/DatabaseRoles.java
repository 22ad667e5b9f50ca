package io.brokerpolicy.app;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The embedded server's roles and database, made (or repaired) at every start by the superuser:
 * the owner role owns the database and its schema and runs the migrations; the service's role may connect
 * and use the schema, and gets its table privileges from the migrations (SELECT and INSERT on the audit
 * tables, nothing that changes or removes a row). Neither is a superuser, and only the owner may create.
 */
final class DatabaseRoles {

    private DatabaseRoles() {
    }

    /** Makes sure roles, passwords and database are as they should be; answers the database's name. */
    static String provision(int port, DatabaseCredentials credentials) {
        String owner = EmbeddedDatabase.OWNER;
        String service = EmbeddedDatabase.SERVICE_ROLE;
        try (Connection admin = EmbeddedDatabase.connect(port, "postgres", credentials.superuser())) {
            ensureRole(admin, owner, credentials.owner().password());
            ensureRole(admin, service, credentials.service().password());
            String database = EmbeddedDatabase.DATABASE;
            if (!exists(admin, "select 1 from pg_database where datname = ?", database)) {
                if (hasTable(admin, "flyway_schema_history")) {
                    // Data kept by an earlier version in the database "postgres" as its superuser: stays where it is,
                    // handed to the owner role.
                    database = "postgres";
                } else {
                    EmbeddedDatabase.execute(admin, "create database " + database + " owner " + owner);
                }
            }
            if (database.equals("postgres")) {
                handOverToOwner(admin, owner);
                restrict(admin, database);
            } else {
                try (Connection db = EmbeddedDatabase.connect(port, database, credentials.superuser())) {
                    restrict(db, database);
                }
            }
            return database;
        } catch (SQLException e) {
            throw new DatabaseStartException("could not set up the roles of the embedded PostgreSQL: " + e.getMessage());
        }
    }

    /** Only the two roles may connect; only the owner may create in the schema. */
    private static void restrict(Connection db, String database) throws SQLException {
        String owner = EmbeddedDatabase.OWNER;
        String service = EmbeddedDatabase.SERVICE_ROLE;
        EmbeddedDatabase.execute(db,
                "revoke all on database " + database + " from public",
                "grant connect, temporary on database " + database + " to " + service,
                "grant all on database " + database + " to " + owner,
                "alter schema public owner to " + owner,
                "revoke all on schema public from public",
                "grant usage on schema public to " + service);
    }

    private static void ensureRole(Connection admin, String role, String password) throws SQLException {
        String verb = exists(admin, "select 1 from pg_roles where rolname = ?", role) ? "alter" : "create";
        // The generated passwords are URL-safe base64: nothing in them needs quoting.
        EmbeddedDatabase.execute(admin, verb + " role " + role + " login nosuperuser nocreatedb nocreaterole"
                + " noreplication nobypassrls noinherit password '" + password + "'");
    }

    /** Tables, views and functions the superuser created in schema public become the owner's. */
    private static void handOverToOwner(Connection db, String owner) throws SQLException {
        EmbeddedDatabase.execute(db, """
                do $$
                declare r record;
                begin
                    for r in select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
                             where n.nspname = 'public' and c.relkind in ('r', 'p', 'v', 'm')
                               and c.relowner <> (select oid from pg_roles where rolname = '%1$s') loop
                        execute format('alter table public.%%I owner to %1$s', r.relname);
                    end loop;
                    for r in select p.oid::regprocedure as signature from pg_proc p join pg_namespace n on n.oid = p.pronamespace
                             where n.nspname = 'public' loop
                        execute format('alter function %%s owner to %1$s', r.signature);
                    end loop;
                end;
                $$""".formatted(owner));
    }

    private static boolean hasTable(Connection c, String table) throws SQLException {
        return exists(c, "select 1 from pg_tables where schemaname = 'public' and tablename = ?", table);
    }

    private static boolean exists(Connection c, String sql, String parameter) throws SQLException {
        try (PreparedStatement q = c.prepareStatement(sql)) {
            q.setString(1, parameter);
            try (ResultSet r = q.executeQuery()) {
                return r.next();
            }
        }
    }
}
