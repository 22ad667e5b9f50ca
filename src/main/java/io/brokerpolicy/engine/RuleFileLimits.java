package io.brokerpolicy.engine;

/**
 * The sizes a rule file must stay within before any parser sees it, so that parsing, checking and compiling it
 * is a bounded amount of work: its length, and how deeply its brackets nest (parsers descend one level of their
 * stack per bracket; 20,000 nested parentheses would exhaust it).
 */
final class RuleFileLimits {

    static final int MAX_FILE_CHARS = 100_000;
    static final int MAX_NESTING = 32;
    static final int MAX_RULES_PER_FILE = 200;
    static final int MAX_RULES_PER_BUNDLE = 500;
    static final int MAX_PATTERNS_PER_RULE = 12;
    /** Patterns on facts of which there are many (positions, violations): each one multiplies the matching work. */
    static final int MAX_MANY_PATTERNS_PER_RULE = 2;
    static final int MAX_CONSTRAINTS_PER_PATTERN = 20;
    static final int MAX_CONSTRAINT_CHARS = 1_000;
    static final int MAX_CONSEQUENCE_CHARS = 4_000;
    static final int MAX_STATEMENTS = 12;
    static final int MAX_CONDITION_NESTING = 4;

    private RuleFileLimits() {
    }

    /** Why the file is too big or too deep to parse, with its line, or null when it is within bounds. */
    static RuleLanguageException check(String drl) {
        if (drl.length() > MAX_FILE_CHARS) {
            return new RuleLanguageException(1, "the file has " + drl.length() + " characters; a rule file may have at"
                    + " most " + MAX_FILE_CHARS + " (split it into several files)");
        }
        int depth = 0;
        int line = 1;
        int n = drl.length();
        for (int i = 0; i < n; i++) {
            char c = drl.charAt(i);
            if (c == '\n') {
                line++;
            } else if (c == '/' && i + 1 < n && drl.charAt(i + 1) == '/') {
                while (i + 1 < n && drl.charAt(i + 1) != '\n') {
                    i++;
                }
            } else if (c == '/' && i + 1 < n && drl.charAt(i + 1) == '*') {
                i += 2;
                while (i < n && !(drl.charAt(i) == '*' && i + 1 < n && drl.charAt(i + 1) == '/')) {
                    if (drl.charAt(i) == '\n') {
                        line++;
                    }
                    i++;
                }
                i++;
            } else if (c == '"' || c == '\'') {
                i++;
                while (i < n && drl.charAt(i) != c && drl.charAt(i) != '\n') {
                    if (drl.charAt(i) == '\\') {
                        i++;
                    }
                    i++;
                }
                if (i < n && drl.charAt(i) == '\n') {
                    line++;
                }
            } else if (c == '(' || c == '[' || c == '{') {
                if (++depth > MAX_NESTING) {
                    return new RuleLanguageException(line, "brackets nest more than " + MAX_NESTING + " deep here;"
                            + " a rule needs far fewer (write nested conditions as separate constraints)");
                }
            } else if (c == ')' || c == ']' || c == '}') {
                depth = Math.max(depth - 1, 0);
            }
        }
        return null;
    }
}
