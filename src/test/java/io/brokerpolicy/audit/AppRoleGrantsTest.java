package io.brokerpolicy.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * The separate application role of docs/compliance.md: after migration V21 has run with the role in
 * place, that role may read and add audit rows, and PostgreSQL refuses it UPDATE and DELETE by
 * privilege, before any trigger is consulted.
 */
@QuarkusTest
class AppRoleGrantsTest {

    @Inject
    DataSource dataSource;

    @Test
    void theAppRole_mayReadAndAppendAuditRows_butNotChangeThem() throws Exception {
        try (Connection owner = dataSource.getConnection(); Statement s = owner.createStatement()) {
            s.execute("do $$ begin if not exists (select 1 from pg_roles where rolname = 'brokerpolicy_app') then"
                    + " create role brokerpolicy_app login password 'app-password'; end if; end $$");
            s.execute(migration("db/migration/V21__audit_tables_insert_select_only.sql"));
        }
        String url = ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class);
        try (Connection app = DriverManager.getConnection(url, "brokerpolicy_app", "app-password");
             Statement s = app.createStatement()) {
            try (ResultSet r = s.executeQuery("select count(*) from verdict")) {
                assertThat(r.next()).isTrue();
            }
            s.executeUpdate("insert into audit_read (at, actor, action) values (now(), 'grants-test', 'READ')");
            assertThatThrownBy(() -> s.executeUpdate("update verdict set status = 'HEALTHY'"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
            assertThatThrownBy(() -> s.executeUpdate("delete from policy_event"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
            assertThatThrownBy(() -> s.executeUpdate("delete from audit_read"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
            assertThatThrownBy(() -> s.execute("alter table verdict disable trigger verdict_append_only"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("must be owner");
        }
    }

    private static String migration(String resource) throws IOException {
        try (InputStream in = AppRoleGrantsTest.class.getClassLoader().getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
