package io.brokerpolicy.app.cli;

/** A command line that cannot be run as written: exit 2, with the problem and the command's usage on stderr. */
final class UsageException extends Exception {

    UsageException(String problem) {
        super(problem);
    }
}
