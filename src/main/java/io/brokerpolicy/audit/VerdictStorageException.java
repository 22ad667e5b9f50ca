package io.brokerpolicy.audit;

import java.sql.SQLException;

/** The database refused or failed an append; nothing of the transaction was stored. */
public class VerdictStorageException extends RuntimeException {

    public VerdictStorageException(SQLException cause) {
        super("storing verdicts failed: " + cause.getMessage(), cause);
    }
}
