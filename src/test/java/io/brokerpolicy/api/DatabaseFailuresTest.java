package io.brokerpolicy.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalPropertiesReader;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.exception.GenericJDBCException;
import org.hibernate.exception.JDBCConnectionException;
import org.junit.jupiter.api.Test;

/**
 * The failures Agroal, the PostgreSQL driver and Hibernate really throw when the database is away or the
 * pool is exhausted, produced for real against the test PostgreSQL, are recognised as "unavailable" (503),
 * and a failure that is the service's own (a constraint broken) is not.
 */
@QuarkusTest
class DatabaseFailuresTest {

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String url;
    @ConfigProperty(name = "quarkus.datasource.username")
    String user;
    @ConfigProperty(name = "quarkus.datasource.password")
    String password;

    @Test
    void anExhaustedPool_sAcquisitionTimeout_isUnavailable() throws Exception {
        try (AgroalDataSource pool = AgroalDataSource.from(new AgroalPropertiesReader().readProperties(Map.of(
                AgroalPropertiesReader.JDBC_URL, url,
                AgroalPropertiesReader.PRINCIPAL, user,
                AgroalPropertiesReader.CREDENTIAL, password,
                AgroalPropertiesReader.MAX_SIZE, "1",
                AgroalPropertiesReader.ACQUISITION_TIMEOUT_MS, "200")));
             Connection held = pool.getConnection()) {
            SQLException timeout = null;
            try (Connection second = pool.getConnection()) {
                second.isValid(1);
            } catch (SQLException e) {
                timeout = e;
            }
            assertThat((Throwable) timeout).isNotNull();
            assertThat(DatabaseFailures.isUnavailable(timeout)).isTrue();
            assertThat(DatabaseFailures.isUnavailable(new GenericJDBCException("Unable to acquire JDBC Connection", timeout)))
                    .isTrue();
        }
    }

    @Test
    void aRefusedConnection_isUnavailable() {
        SQLException refused = null;
        try (AgroalDataSource pool = AgroalDataSource.from(new AgroalPropertiesReader().readProperties(Map.of(
                AgroalPropertiesReader.JDBC_URL, "jdbc:postgresql://127.0.0.1:1/postgres",
                AgroalPropertiesReader.PRINCIPAL, "postgres",
                AgroalPropertiesReader.CREDENTIAL, "postgres",
                AgroalPropertiesReader.MAX_SIZE, "1",
                AgroalPropertiesReader.ACQUISITION_TIMEOUT_MS, "2000")));
             Connection c = pool.getConnection()) {
            c.isValid(1);
        } catch (SQLException e) {
            refused = e;
        }
        assertThat((Throwable) refused).isNotNull();
        assertThat(DatabaseFailures.isUnavailable(refused)).isTrue();
        assertThat(DatabaseFailures.isUnavailable(new JDBCConnectionException("Unable to acquire JDBC Connection", refused)))
                .isTrue();
    }

    @Test
    void aBrokenConstraint_isNotUnavailable() throws Exception {
        try (AgroalDataSource pool = AgroalDataSource.from(new AgroalPropertiesReader().readProperties(Map.of(
                AgroalPropertiesReader.JDBC_URL, url,
                AgroalPropertiesReader.PRINCIPAL, user,
                AgroalPropertiesReader.CREDENTIAL, password,
                AgroalPropertiesReader.MAX_SIZE, "1")));
             Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            SQLException broken = null;
            try {
                s.execute("update audit_chain_head set id = 2");
            } catch (SQLException e) {
                broken = e;
            }
            assertThat((Throwable) broken).isNotNull();
            assertThat(DatabaseFailures.isUnavailable(broken)).isFalse();
            assertThat(DatabaseFailures.isUnavailable(new IllegalStateException("a bug"))).isFalse();
        }
    }

    @Test
    void aCommitRefusedBecauseTheServerWentAway_isUnavailable_thoughTheCauseIsOnlySuppressed() {
        // As Narayana reports it (seen in the outage test): the database error is the cause of an XAException
        // suppressed by the RollbackException, not in the cause chain.
        SQLException adminShutdown = new SQLException("FATAL: terminating connection due to administrator command", "57P01");
        javax.transaction.xa.XAException xa = new javax.transaction.xa.XAException("Error trying to transactionCommit");
        xa.initCause(adminShutdown);
        jakarta.transaction.RollbackException rollback = new jakarta.transaction.RollbackException("Could not commit");
        rollback.addSuppressed(xa);
        assertThat(DatabaseFailures.isUnavailable(new RuntimeException("Error invoking subclass method", rollback))).isTrue();

        jakarta.transaction.RollbackException byABug = new jakarta.transaction.RollbackException("Could not commit");
        byABug.addSuppressed(new IllegalStateException("a bug"));
        assertThat(DatabaseFailures.isUnavailable(byABug)).isFalse();
    }
}
