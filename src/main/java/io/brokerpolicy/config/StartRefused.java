package io.brokerpolicy.config;

/**
 * The service refuses to start, for a reason that its message says in one line (a malformed users file,
 * a database that would lose acknowledged commits, a data folder in use): printed as the last line of
 * the failed start, without a stack trace.
 */
public class StartRefused extends RuntimeException {

    public StartRefused(String message) {
        super(message, null, false, false);
    }
}
