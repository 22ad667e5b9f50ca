package io.brokerpolicy.audit;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Runs reads on one JDBC connection inside a read-only, repeatable-read transaction: every query sees
 * the database as of the first one, and PostgreSQL streams results through a cursor (it uses the
 * fetch size only outside autocommit). Always rolled back: nothing is written.
 */
final class ReadOnlySnapshot {

    interface Work<T> {
        T run() throws SQLException;
    }

    private ReadOnlySnapshot() {
    }

    static <T> T run(Connection connection, Work<T> work) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        int isolation = connection.getTransactionIsolation();
        connection.setAutoCommit(false);
        connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        connection.setReadOnly(true);
        try {
            return work.run();
        } finally {
            connection.rollback();
            connection.setReadOnly(false);
            connection.setTransactionIsolation(isolation);
            connection.setAutoCommit(autoCommit);
        }
    }
}
