package io.brokerpolicy.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The embedded server's own start: one server per data folder, and a data folder left by an earlier
 * version (trust authentication, the tables in the database "postgres", owned by the superuser) taken
 * over with its data: passwords required from then on, the tables handed to the owner role.
 */
class EmbeddedDatabaseTest {

    private final Path root = Path.of("target", "embedded-db-test-" + UUID.randomUUID().toString().substring(0, 8))
            .toAbsolutePath();

    @Test
    void aSecondStartOnTheSameDataFolder_isRefusedWithOneLine() {
        try (EmbeddedDatabase first = EmbeddedDatabase.start(root.resolve("postgres"), false)) {
            assertThatThrownBy(() -> EmbeddedDatabase.start(root.resolve("postgres"), true))
                    .isInstanceOf(DatabaseStartException.class)
                    .hasMessageContaining("is in use by another running brokerpolicy")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
            assertThat(first.port()).isPositive();
        }
    }

    @Test
    void aDataFolderOfAnEarlierVersion_isTakenOverWithItsData() throws Exception {
        Path data = root.resolve("postgres");
        Path binaries = PostgresBinaries.unpacked();
        Files.createDirectories(root);
        EmbeddedDatabase.run(binaries, "initdb", List.of("-D", data.toString(), "-A", "trust", "-U", "postgres",
                "-E", "UTF-8"), 120);
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> start = List.of("-D", data.toString(), "-o", "-c listen_addresses=127.0.0.1 -c port=" + port
                + " -c unix_socket_directories=''", "-l", root.resolve("old.log").toString(), "-w", "start");
        EmbeddedDatabase.pgCtl(binaries, start, 120);
        try (Connection old = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres", "");
             Statement s = old.createStatement()) {
            s.execute("create table flyway_schema_history (installed_rank int primary key)");
            s.execute("create table verdict (snapshot_id text primary key)");
            s.execute("insert into verdict values ('kept-from-before')");
        } finally {
            EmbeddedDatabase.pgCtl(binaries, List.of("-D", data.toString(), "-m", "fast", "-w", "stop"), 120);
        }

        try (EmbeddedDatabase database = EmbeddedDatabase.start(data, true)) {
            assertThat(database.databaseName()).isEqualTo("postgres");
            assertThat(Files.getPosixFilePermissions(database.credentialsFile())).extracting(Object::toString)
                    .containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");
            try (Connection owner = DriverManager.getConnection(database.jdbcUrl(), database.owner().user(),
                    database.owner().password()); Statement s = owner.createStatement();
                 ResultSet r = s.executeQuery("select snapshot_id, (select tableowner from pg_tables where tablename = 'verdict')"
                         + " from verdict")) {
                assertThat(r.next()).isTrue();
                assertThat(r.getString(1)).isEqualTo("kept-from-before");
                assertThat(r.getString(2)).isEqualTo(EmbeddedDatabase.OWNER);
            }
            assertThatThrownBy(() -> DriverManager.getConnection(database.jdbcUrl(), "postgres", ""))
                    .isInstanceOf(SQLException.class);
        }
    }
}
