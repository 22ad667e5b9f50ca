package io.brokerpolicy.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits DRL text into tokens for {@link RuleSandbox}: the code's identifiers and punctuation (comments
 * dropped, so that {@code java/ * * /.io} still reads as {@code java.io}), and, separately, the words
 * inside each comment and string literal. The sandbox scans all of them: if this reader and the compiler
 * ever disagree about where a comment or a string ends, code must not hide in the gap.
 * Identifiers follow Java's rules, with identifier-ignorable characters dropped as Java drops them.
 */
final class DrlTokens {

    /** One token; {@code code} is false for words read inside a comment or a string literal. */
    record Token(String text, int line, boolean identifier, boolean code) {
        boolean is(String s) {
            return text.equals(s);
        }
    }

    /** The code tokens in order, and each comment or string literal as a list of its own. */
    record Result(List<Token> code, List<List<Token>> texts) {
    }

    private DrlTokens() {
    }

    static Result of(String drl) {
        List<Token> code = new ArrayList<>();
        List<List<Token>> texts = new ArrayList<>();
        int line = 1;
        int i = 0;
        int n = drl.length();
        while (i < n) {
            char c = drl.charAt(i);
            if (c == '\n') {
                line++;
                i++;
            } else if ((c == '/' && i + 1 < n && drl.charAt(i + 1) == '/') || c == '#') {
                // '#' is DRL's old line comment; Java has no use for it outside a string
                int end = indexOrEnd(drl, "\n", i);
                texts.add(words(drl.substring(i + 1, end), line));
                i = end;
            } else if (c == '/' && i + 1 < n && drl.charAt(i + 1) == '*') {
                int close = drl.indexOf("*/", i + 2);
                int end = close < 0 ? n : close + 2;
                String body = drl.substring(i + 2, close < 0 ? n : close);
                texts.add(words(body, line));
                line += count(body, '\n');
                i = end;
            } else if (c == '"' || c == '\'') {
                // Runs to the matching quote, across lines as MVEL reads it (Java refuses such a string).
                int j = i + 1;
                while (j < n && drl.charAt(j) != c) {
                    j += drl.charAt(j) == '\\' ? 2 : 1;
                }
                String body = drl.substring(i + 1, Math.min(j, n));
                texts.add(words(body, line));
                line += count(body, '\n');
                i = Math.min(j + 1, n);
            } else if (Character.isJavaIdentifierStart(c) || Character.isIdentifierIgnorable(c)) {
                int j = i;
                StringBuilder ident = new StringBuilder();
                while (j < n && (Character.isJavaIdentifierPart(drl.charAt(j)))) {
                    if (!Character.isIdentifierIgnorable(drl.charAt(j))) {
                        ident.append(drl.charAt(j));
                    }
                    j++;
                }
                if (ident.length() > 0) {
                    code.add(new Token(ident.toString(), line, true, true));
                }
                i = Math.max(j, i + 1);
            } else if (Character.isWhitespace(c)) {
                i++;
            } else {
                code.add(new Token(String.valueOf(c), line, false, true));
                i++;
            }
        }
        return new Result(code, texts);
    }

    /** The identifiers and dots of a comment or string, so that dotted names in it can be read too. */
    private static List<Token> words(String text, int firstLine) {
        List<Token> words = new ArrayList<>();
        int line = firstLine;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\n') {
                line++;
                i++;
            } else if (Character.isJavaIdentifierStart(c)) {
                int j = i;
                StringBuilder ident = new StringBuilder();
                while (j < text.length() && Character.isJavaIdentifierPart(text.charAt(j))) {
                    if (!Character.isIdentifierIgnorable(text.charAt(j))) {
                        ident.append(text.charAt(j));
                    }
                    j++;
                }
                words.add(new Token(ident.toString(), line, true, false));
                i = j;
            } else if (c == '.' || c == '*') {
                words.add(new Token(String.valueOf(c), line, false, false));
                i++;
            } else {
                if (!Character.isWhitespace(c)) {
                    words.add(new Token(" ", line, false, false)); // breaks a dotted name
                }
                i++;
            }
        }
        return words;
    }

    private static int indexOrEnd(String text, String what, int from) {
        int at = text.indexOf(what, from);
        return at < 0 ? text.length() : at;
    }

    private static int count(String text, char c) {
        int count = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == c) {
                count++;
            }
        }
        return count;
    }
}
