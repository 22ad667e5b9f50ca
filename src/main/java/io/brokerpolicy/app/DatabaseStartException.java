package io.brokerpolicy.app;

/**
 * The embedded database could not be started. The message is one line that says what to do; the service
 * prints it as its last line instead of a stack trace.
 */
public final class DatabaseStartException extends RuntimeException {

    public DatabaseStartException(String message) {
        super(message, null, false, false);
    }
}
