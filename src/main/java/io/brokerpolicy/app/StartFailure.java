package io.brokerpolicy.app;

import io.quarkus.runtime.configuration.ConfigurationException;
import org.jboss.logging.Logger;

/**
 * How a failed start ends: the stack trace only when the cause is unexpected, and always, as the very last
 * line, one sentence that says why the service did not start.
 */
final class StartFailure {

    private static final Logger LOG = Logger.getLogger(StartFailure.class);

    private StartFailure() {
    }

    /** Quarkus' exit handler: the normal exit code, or a failed start. */
    static void exitWith(Integer code, Throwable failure) {
        if (failure != null) {
            exit(failure);
        }
        System.exit(code == null ? 0 : code);
    }

    static void exit(Throwable failure) {
        String reason = reason(failure);
        if (!explainsItself(failure)) {
            LOG.error("the service did not start", failure);
        }
        System.out.flush();
        System.err.println("brokerpolicy did not start: " + reason);
        System.err.flush();
        System.exit(1);
    }

    /** Our own start failures, and configuration errors, need no stack trace: their message says it all. */
    private static boolean explainsItself(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof DatabaseStartException || t instanceof ConfigurationException
                    || t instanceof io.brokerpolicy.security.UsersFile.MalformedUsersFileException) {
                return true;
            }
        }
        return false;
    }

    static String reason(Throwable failure) {
        Throwable deepest = failure;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof DatabaseStartException || t instanceof io.brokerpolicy.security.UsersFile.MalformedUsersFileException) {
                return oneLine(t.getMessage());
            }
            deepest = t;
        }
        String message = deepest.getMessage() == null ? deepest.getClass().getSimpleName() : deepest.getMessage();
        return oneLine(message);
    }

    private static String oneLine(String text) {
        return text.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
