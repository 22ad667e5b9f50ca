package io.brokerpolicy.app;

import io.brokerpolicy.config.StartRefused;
import io.quarkus.runtime.configuration.ConfigurationException;
import org.jboss.logging.Logger;

/**
 * How a failed start ends: the stack trace only when the cause is unexpected, and always, as the very last
 * line, one sentence that says why the service did not start.
 */
final class StartFailure {

    private static final Logger LOG = Logger.getLogger(StartFailure.class);
    /** Set when the embedded database stops in a shutdown hook: the line waits until it has, to stay the last. */
    private static volatile boolean lineAfterDatabaseStop;
    private static volatile String pendingLine;

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
        String line = "brokerpolicy did not start: " + reason;
        if (lineAfterDatabaseStop) {
            pendingLine = line;
        } else {
            printLast(line);
        }
        System.exit(1);
    }

    /** Called by the shutdown hook that stops the embedded database: the failure's line comes after. */
    static void printPendingLine() {
        String line = pendingLine;
        if (line != null) {
            printLast(line);
        }
    }

    static void printAfterDatabaseStop() {
        lineAfterDatabaseStop = true;
    }

    private static void printLast(String line) {
        System.out.flush();
        System.err.println(line);
        System.err.flush();
    }

    /** Our own start failures, and configuration errors, need no stack trace: their message says it all. */
    private static boolean explainsItself(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof StartRefused || t instanceof ConfigurationException) {
                return true;
            }
        }
        return false;
    }

    static String reason(Throwable failure) {
        Throwable deepest = failure;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof StartRefused) {
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
