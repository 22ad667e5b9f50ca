package io.brokerpolicy.app;

import io.brokerpolicy.config.Defaults;
import io.brokerpolicy.policy.EarlyCompile;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.nio.file.Path;
import org.jboss.logging.Logger;

/**
 * Starts the service. Without a configured database ({@code QUARKUS_DATASOURCE_JDBC_URL}) it first starts
 * the embedded PostgreSQL in {@code data-dir/postgres}, kept between runs, and points the datasource at it.
 */
@QuarkusMain
public final class BrokerPolicyMain {

    private static final Logger LOG = Logger.getLogger(BrokerPolicyMain.class);

    private BrokerPolicyMain() {
    }

    public static void main(String... args) {
        EarlyCompile.start(Path.of(orDefault(setting("brokerpolicy.rules-dir"), Defaults.RULES_DIR)),
                Path.of(orDefault(setting("brokerpolicy.policies-dir"), Defaults.POLICIES_DIR)),
                Integer.parseInt(orDefault(setting("brokerpolicy.engine.max-rule-firings"), Defaults.MAX_RULE_FIRINGS)),
                Long.parseLong(orDefault(setting("brokerpolicy.engine.max-evaluation-millis"),
                        Defaults.MAX_EVALUATION_MILLIS)));
        if (setting("quarkus.datasource.jdbc.url") == null) {
            Path dataDir = Path.of(orDefault(setting("brokerpolicy.data-dir"), Defaults.DATA_DIR));
            EmbeddedDatabase database = EmbeddedDatabase.start(dataDir.resolve("postgres"), true);
            System.setProperty("quarkus.datasource.jdbc.url", "jdbc:postgresql://localhost:" + database.port() + "/postgres");
            System.setProperty("quarkus.datasource.username", database.username());
            System.setProperty("quarkus.datasource.password", database.password());
            LOG.infof("no QUARKUS_DATASOURCE_JDBC_URL set: started the embedded PostgreSQL on port %d with its data in %s",
                    database.port(), dataDir.resolve("postgres").toAbsolutePath());
        }
        Quarkus.run(args);
    }

    /** A setting as Quarkus would read it before it has started: a system property, else the environment. */
    static String setting(String key) {
        String value = System.getProperty(key);
        if (value == null) {
            value = System.getenv(key.toUpperCase().replace('.', '_').replace('-', '_'));
        }
        return value == null || value.isBlank() ? null : value;
    }

    private static String orDefault(String value, String fallback) {
        return value == null ? fallback : value;
    }
}
