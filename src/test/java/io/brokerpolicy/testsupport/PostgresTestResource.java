package io.brokerpolicy.testsupport;

import io.brokerpolicy.app.EmbeddedDatabase;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

/**
 * The tests' PostgreSQL: the server named by QUARKUS_DATASOURCE_JDBC_URL when that is set (a server as
 * deployed), otherwise a throwaway embedded one under target/.
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    private EmbeddedDatabase database;

    @Override
    public Map<String, String> start() {
        String external = System.getenv("QUARKUS_DATASOURCE_JDBC_URL");
        if (external != null && !external.isBlank()) {
            return Map.of();
        }
        database = EmbeddedDatabase.start(Path.of("target", "test-postgres-" + UUID.randomUUID()), false);
        System.setProperty(PostgresServer.BINARIES, database.binaries().toString());
        System.setProperty(PostgresServer.DATA, database.dataDirectory().toAbsolutePath().toString());
        System.setProperty(PostgresServer.PORT, Integer.toString(database.port()));
        return Map.of(
                "quarkus.datasource.jdbc.url", "jdbc:postgresql://localhost:" + database.port() + "/postgres",
                "quarkus.datasource.username", database.username(),
                "quarkus.datasource.password", database.password());
    }

    @Override
    public void stop() {
        if (database != null) {
            database.close();
        }
    }
}
