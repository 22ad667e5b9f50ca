package io.brokerpolicy.engine;

/** One thing a rule file may not say, with what it may say instead; becomes a refusal at the file's line. */
final class RuleLanguageException extends RuntimeException {

    private final int line;

    RuleLanguageException(String message) {
        this(0, message);
    }

    RuleLanguageException(int line, String message) {
        super(message, null, false, false);
        this.line = line;
    }

    /** The line where it was found, 0 when the caller knows it better. */
    int line() {
        return line;
    }
}
