package io.brokerpolicy.api;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/** Recognises a failure caused by the database being out of reach, as opposed to a bug. */
final class DatabaseFailures {

    private DatabaseFailures() {
    }

    /**
     * Looks through causes and suppressed exceptions: a commit that fails because the server went away
     * reaches us as a transaction RollbackException whose database error is only a suppressed XAException's
     * cause (seen when PostgreSQL was stopped mid-commit).
     */
    static boolean isUnavailable(Throwable failure) {
        return isUnavailable(failure, java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>()));
    }

    private static boolean isUnavailable(Throwable failure, java.util.Set<Throwable> seen) {
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            for (Throwable suppressed : t.getSuppressed()) {
                if (isUnavailable(suppressed, seen)) {
                    return true;
                }
            }
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
        }
        return false;
    }
}
