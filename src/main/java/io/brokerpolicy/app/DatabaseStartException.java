package io.brokerpolicy.app;

import io.brokerpolicy.config.StartRefused;

/**
 * The embedded database could not be started. The message is one line that says what to do; the service
 * prints it as its last line instead of a stack trace.
 */
public final class DatabaseStartException extends StartRefused {

    public DatabaseStartException(String message) {
        super(message);
    }
}
