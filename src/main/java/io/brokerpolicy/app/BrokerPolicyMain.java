package io.brokerpolicy.app;

import io.brokerpolicy.app.cli.Commands;
import io.brokerpolicy.config.Defaults;
import io.brokerpolicy.policy.EarlyCompile;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.logging.Level;
import org.jboss.logging.Logger;

/**
 * Starts the service, or with arguments runs one command of the command line ({@link Commands}). Without a configured database ({@code QUARKUS_DATASOURCE_JDBC_URL}) it first starts
 * the embedded PostgreSQL in {@code data-dir/postgres}, kept between runs, and points the datasource at it:
 * the service connects as the embedded server's service role, the migrations run as its owner role. The
 * embedded server stops with the JVM, after Quarkus has stopped. A start that fails ends with one line
 * that says why.
 */
@QuarkusMain
public final class BrokerPolicyMain {

    private static final Logger LOG = Logger.getLogger(BrokerPolicyMain.class);

    private BrokerPolicyMain() {
    }

    public static void main(String... args) {
        if (args.length > 0) {
            // A command (test, eval, verify-proof, help): run and exit, no database, no server. The rule compiler
            // logs at INFO, and a command's output must be its report alone (JSON, XML).
            java.util.logging.Logger.getLogger("").setLevel(Level.WARNING);
            int exitCode = Commands.run(List.of(args), System.in, System.out, System.err, Clock.systemUTC());
            System.out.flush();
            System.exit(exitCode);
        }
        quietUntilQuarkusConfiguresLogging();
        try {
            EarlyCompile.start(Path.of(orDefault(setting("brokerpolicy.rules-dir"), Defaults.RULES_DIR)),
                    Path.of(orDefault(setting("brokerpolicy.policies-dir"), Defaults.POLICIES_DIR)),
                    Integer.parseInt(orDefault(setting("brokerpolicy.engine.max-rule-firings"), Defaults.MAX_RULE_FIRINGS)),
                    Long.parseLong(orDefault(setting("brokerpolicy.engine.max-evaluation-millis"),
                            Defaults.MAX_EVALUATION_MILLIS)));
            if (setting("quarkus.datasource.jdbc.url") == null) {
                startEmbeddedDatabase();
            }
        } catch (RuntimeException e) {
            StartFailure.exit(e);
        }
        Quarkus.run(null, StartFailure::exitWith, args);
    }

    private static void startEmbeddedDatabase() {
        Path dataDir = Path.of(orDefault(setting("brokerpolicy.data-dir"), Defaults.DATA_DIR)).toAbsolutePath();
        EmbeddedDatabase database = EmbeddedDatabase.startWithoutShutdownHook(dataDir.resolve("postgres"), true);
        database.stopWithJvm(ShutdownSequence::awaitQuarkusStopped, StartFailure::printPendingLine);
        StartFailure.printAfterDatabaseStop();
        database.restartWhenItDies();
        System.setProperty("quarkus.datasource.jdbc.url", database.jdbcUrl());
        System.setProperty("quarkus.datasource.username", database.serviceRole().user());
        System.setProperty("quarkus.datasource.password", database.serviceRole().password());
        System.setProperty("quarkus.flyway.username", database.owner().user());
        System.setProperty("quarkus.flyway.password", database.owner().password());
        LOG.infof("no QUARKUS_DATASOURCE_JDBC_URL set: started the embedded PostgreSQL on 127.0.0.1:%d with its data in %s"
                + " (passwords in %s)", database.port(), database.dataDirectory(), database.credentialsFile());
    }

    /**
     * Before Quarkus has read its logging configuration, JBoss LogManager passes everything, and the rule
     * compiler and the database start log thousands of DEBUG lines. Until then: INFO, and WARN for those.
     */
    private static void quietUntilQuarkusConfiguresLogging() {
        java.util.logging.Logger.getLogger("").setLevel(Level.INFO);
        for (String noisy : new String[] {"org.drools", "org.kie", "io.zonky", "org.mvel2"}) {
            java.util.logging.Logger.getLogger(noisy).setLevel(Level.WARNING);
        }
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
