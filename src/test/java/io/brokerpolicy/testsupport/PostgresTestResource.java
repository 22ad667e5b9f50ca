package io.brokerpolicy.testsupport;

import io.brokerpolicy.app.EmbeddedDatabase;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

/**
 * The tests' PostgreSQL: the server named by QUARKUS_DATASOURCE_JDBC_URL when that is set (a server as
 * deployed), otherwise a throwaway embedded one under target/, set up as the service's main sets it up:
 * the service connects as the service role, the migrations run as the owner.
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    private EmbeddedDatabase database;

    @Override
    public Map<String, String> start() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        // The audit log's copy outside the database belongs to this database alone.
        String checkpoints = Path.of("target", "test-checkpoints-" + run).toString();
        String external = System.getenv("QUARKUS_DATASOURCE_JDBC_URL");
        if (external != null && !external.isBlank()) {
            return Map.of("brokerpolicy.audit.checkpoint-dir", checkpoints);
        }
        database = EmbeddedDatabase.start(Path.of("target", "test-pg-" + run), false);
        System.setProperty(PostgresServer.BINARIES, database.binaries().toString());
        System.setProperty(PostgresServer.DATA, database.dataDirectory().toString());
        System.setProperty(PostgresServer.OPTIONS, database.serverOptions());
        System.setProperty(PostgresServer.PORT, Integer.toString(database.port()));
        System.setProperty(AsOwner.URL, database.jdbcUrl());
        System.setProperty(AsOwner.USER, database.owner().user());
        System.setProperty(AsOwner.PASSWORD, database.owner().password());
        return Map.of(
                "quarkus.datasource.jdbc.url", database.jdbcUrl(),
                "quarkus.datasource.username", database.serviceRole().user(),
                "quarkus.datasource.password", database.serviceRole().password(),
                "quarkus.flyway.username", database.owner().user(),
                "quarkus.flyway.password", database.owner().password(),
                "brokerpolicy.audit.checkpoint-dir", checkpoints);
    }

    @Override
    public void stop() {
        if (database != null) {
            database.close();
        }
    }
}
