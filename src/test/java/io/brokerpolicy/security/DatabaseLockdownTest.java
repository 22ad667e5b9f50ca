package io.brokerpolicy.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.brokerpolicy.app.DatabaseStartException;
import io.brokerpolicy.app.DurabilityCheck;
import io.brokerpolicy.testsupport.PostgresServer;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Nobody else reaches the embedded database: another local OS user ({@code nobody}) cannot use its socket,
 * cannot sign in over TCP without the password, and cannot read the passwords; every connection needs
 * scram-sha-256; it listens on 127.0.0.1 only. And it is durable: the service's own connection sees fsync,
 * synchronous_commit and full_page_writes on, and the start-up check refuses a connection that has them off.
 */
@QuarkusTest
class DatabaseLockdownTest {

    @Inject
    DataSource dataSource;
    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String url;

    @Test
    void anotherLocalUser_isRefusedOnTheSocket_overTcpWithoutThePassword_andCannotReadThePasswords() throws Exception {
        assumeTrue(PostgresServer.controllable(), "the embedded server only");
        assumeTrue("root".equals(System.getProperty("user.name")) && Files.isExecutable(Path.of("/usr/sbin/runuser"))
                && Files.isExecutable(Path.of("/usr/bin/psql")), "needs root, runuser and psql to act as user nobody");
        Path data = PostgresServer.dataDirectory();
        Path socket = data.resolveSibling(data.getFileName() + ".socket");
        String port = Integer.toString(PostgresServer.port());

        assertThat(Files.getPosixFilePermissions(socket)).extracting(Object::toString)
                .containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE", "OWNER_EXECUTE");
        assertThat(asNobody("psql", "-h", socket.toString(), "-p", port, "-U", "postgres", "-w", "-c", "select 1"))
                .contains("Permission denied");
        assertThat(asNobody("psql", "-h", "127.0.0.1", "-p", port, "-U", "postgres", "-w", "-c", "select 1"))
                .contains("no password supplied");
        assertThat(asNobody("env", "PGPASSWORD=postgres", "psql", "-h", "127.0.0.1", "-p", port, "-U", "postgres",
                "-w", "-c", "select 1")).contains("password authentication failed");
        Path credentials = data.resolveSibling(data.getFileName() + ".credentials");
        assertThat(asNobody("cat", credentials.toString())).contains("Permission denied");
        assertThat(asNobody("ls", data.toString())).contains("Permission denied");
    }

    @Test
    void everyConnectionNeedsScram_andTheServerListensOn127001Only() throws Exception {
        assumeTrue(PostgresServer.controllable(), "the embedded server only");
        Path data = PostgresServer.dataDirectory();
        Properties credentials = new Properties();
        try (Reader reader = Files.newBufferedReader(data.resolveSibling(data.getFileName() + ".credentials"))) {
            credentials.load(reader);
        }
        try (Connection superuser = DriverManager.getConnection(url, "postgres", credentials.getProperty("superuser.password"));
             Statement s = superuser.createStatement()) {
            List<String> rules = new ArrayList<>();
            try (ResultSet r = s.executeQuery("select type, coalesce(address, ''), auth_method from pg_hba_file_rules")) {
                while (r.next()) {
                    rules.add(r.getString(1) + " " + r.getString(2) + " " + r.getString(3));
                }
            }
            assertThat(rules).containsExactly("local  scram-sha-256", "host 127.0.0.1 scram-sha-256");
            try (ResultSet r = s.executeQuery("select current_setting('listen_addresses'), current_setting('unix_socket_permissions')")) {
                r.next();
                assertThat(r.getString(1)).isEqualTo("127.0.0.1");
                assertThat(r.getString(2)).isEqualTo("0700");
            }
        }
    }

    @Test
    void theServicesConnectionIsDurable_andTheStartCheckRefusesOneThatIsNot() throws Exception {
        try (Connection c = dataSource.getConnection()) {
            assertThat(DurabilityCheck.problems(c)).isEmpty();
            try (Statement s = c.createStatement()) {
                s.execute("set synchronous_commit = off");
            }
            try {
                assertThat(DurabilityCheck.problems(c)).containsExactly("synchronous_commit=off");
                assertThatThrownBy(() -> DurabilityCheck.enforce(c, false))
                        .isInstanceOf(DatabaseStartException.class)
                        .hasMessageContaining("synchronous_commit=off")
                        .hasMessageContaining("brokerpolicy.database.allow-non-durable=true")
                        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
                DurabilityCheck.enforce(c, true); // allowed: logged as an error, no exception
            } finally {
                try (Statement s = c.createStatement()) {
                    s.execute("reset synchronous_commit");
                }
            }
        }
    }

    private static String asNobody(String... command) throws Exception {
        List<String> full = new ArrayList<>(List.of("runuser", "-u", "nobody", "--"));
        full.addAll(List.of(command));
        Process process = new ProcessBuilder(full).redirectErrorStream(true).directory(Path.of("/").toFile()).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("as nobody: " + String.join(" ", command) + " -> " + output).isNotZero();
        return output;
    }

}
