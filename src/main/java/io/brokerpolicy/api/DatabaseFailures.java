package io.brokerpolicy.api;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/** Recognises a failure caused by the database being out of reach, as opposed to a bug. */
final class DatabaseFailures {

    private DatabaseFailures() {
    }

    static boolean isUnavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().equals("57P01")
                    || sql.getSQLState().equals("57P03"))) {
                return true;
            }
            // Agroal's pool had no connection to give within the acquisition timeout (an SQLException without
            // an SQLState): the database is too slow or away; either way a retry later is the answer.
            if (t instanceof SQLException sql && sql.getSQLState() == null && sql.getMessage() != null
                    && sql.getMessage().contains("acquisition timeout")) {
                return true;
            }
            if (t instanceof java.net.ConnectException) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
