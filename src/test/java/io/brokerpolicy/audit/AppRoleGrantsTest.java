package io.brokerpolicy.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The role the service really connects as (the datasource of the suite, set up as the service's main sets
 * it up) may read and add audit rows, and PostgreSQL refuses it by privilege everything that would change
 * or hide them: UPDATE, DELETE, TRUNCATE, disabling a trigger, skipping triggers with
 * session_replication_role, running a program with COPY ... TO PROGRAM. It is no superuser.
 */
@QuarkusTest
class AppRoleGrantsTest {

    private static final String INSUFFICIENT_PRIVILEGE = "42501";

    @Inject
    DataSource dataSource;

    @Test
    void theServiceRole_mayReadAndAppendAuditRows_butNotChangeHideOrEscapeThem() throws Exception {
        try (Connection app = dataSource.getConnection(); Statement s = app.createStatement()) {
            try (ResultSet r = s.executeQuery("select current_user, usesuper from pg_user where usename = current_user")) {
                assertThat(r.next()).isTrue();
                assertThat(r.getString(1)).isNotIn("postgres", "brokerpolicy");
                assertThat(r.getBoolean(2)).as("superuser").isFalse();
            }
            try (ResultSet r = s.executeQuery("select count(*) from verdict")) {
                assertThat(r.next()).isTrue();
            }
            s.executeUpdate("insert into audit_read (at, actor, action) values (now(), 'grants-test', 'READ')");
            for (String sql : new String[] {
                    "update verdict set status = 'HEALTHY'",
                    "delete from policy_event",
                    "delete from audit_read",
                    "delete from audit_access",
                    "truncate verdict",
                    "truncate policy_file",
                    "truncate audit_chain_head",
                    "delete from policy_version",
                    "alter table verdict disable trigger verdict_append_only",
                    "set session_replication_role = replica",
                    "copy (select 1) to program 'id'",
                    "create table intruder (x int)",
                    "alter role current_user superuser"}) {
                assertThatThrownBy(() -> s.execute(sql)).as(sql).isInstanceOfSatisfying(SQLException.class,
                        e -> assertThat(e.getSQLState()).as(sql + ": " + e.getMessage()).isEqualTo(INSUFFICIENT_PRIVILEGE));
            }
        }
    }
}
