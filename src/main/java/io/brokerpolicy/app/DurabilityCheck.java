package io.brokerpolicy.app;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * A verdict is answered only after its commit, and a commit is only worth that if the server has it on
 * disk. At start the service reads, over its own connection (so role and database settings count), the
 * settings that decide it, and refuses to start on a server that would acknowledge a commit before it is
 * durable: {@code fsync=off}, {@code synchronous_commit=off}, {@code full_page_writes=off}. Set
 * {@code brokerpolicy.database.allow-non-durable=true} to start anyway (a throwaway test server, say):
 * then every start logs an error that says what can be lost.
 */
@ApplicationScoped
public class DurabilityCheck {

    private static final Logger LOG = Logger.getLogger(DurabilityCheck.class);

    @Inject
    DataSource dataSource;

    @Inject
    DatabaseConfig config;

    void atStart(@Observes @Priority(1) StartupEvent start) {
        try (Connection connection = dataSource.getConnection()) {
            enforce(connection, config.allowNonDurable());
        } catch (SQLException e) {
            throw new DatabaseStartException("could not read the database's durability settings: " + e.getMessage());
        }
    }

    /** Throws when the connection's server would lose acknowledged commits and that is not allowed; warns when it is. */
    public static void enforce(Connection connection, boolean allowNonDurable) throws SQLException {
        List<String> problems = problems(connection);
        if (problems.isEmpty()) {
            return;
        }
        String what = "the database would acknowledge commits before they are durable (" + String.join(", ", problems)
                + "): a crash of PostgreSQL or of its machine can lose verdicts the service has answered";
        if (!allowNonDurable) {
            throw new DatabaseStartException(what + "; turn these settings on, or set"
                    + " brokerpolicy.database.allow-non-durable=true to start anyway");
        }
        LOG.errorf("NOT DURABLE: %s. Started anyway because brokerpolicy.database.allow-non-durable=true", what);
    }

    /** The settings, as this connection sees them, that let a commit be acknowledged before it is on disk. */
    public static List<String> problems(Connection connection) throws SQLException {
        List<String> problems = new ArrayList<>();
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery(
                "select current_setting('fsync'), current_setting('synchronous_commit'), current_setting('full_page_writes')")) {
            r.next();
            if (!"on".equals(r.getString(1))) {
                problems.add("fsync=" + r.getString(1));
            }
            if ("off".equals(r.getString(2))) {
                problems.add("synchronous_commit=off");
            }
            if (!"on".equals(r.getString(3))) {
                problems.add("full_page_writes=" + r.getString(3));
            }
        }
        return problems;
    }
}
