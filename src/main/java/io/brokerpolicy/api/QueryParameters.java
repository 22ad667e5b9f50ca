package io.brokerpolicy.api;

import io.brokerpolicy.intake.FieldError;
import io.brokerpolicy.intake.InvalidRequestException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Reads query parameters as sent (text), collecting a {@link FieldError} naming the parameter for each
 * that is malformed, so one 400 lists every problem. Absent or blank parameters read as null.
 */
final class QueryParameters {

    static final int MAX_TEXT_LENGTH = 200;

    private final List<FieldError> errors = new ArrayList<>();

    String text(String name, String value) {
        if (blank(value)) {
            return null;
        }
        if (value.length() > MAX_TEXT_LENGTH) {
            errors.add(new FieldError(name, "is longer than " + MAX_TEXT_LENGTH + " characters"));
            return null;
        }
        return value;
    }

    /** One of the allowed values, exactly as written (case matters: they are stored upper case). */
    String oneOf(String name, String value, List<String> allowed) {
        if (blank(value)) {
            return null;
        }
        if (!allowed.contains(value)) {
            errors.add(new FieldError(name, "'" + shorten(value) + "' is not one of " + String.join(", ", allowed)));
            return null;
        }
        return value;
    }

    /** An ISO-8601 instant (2026-11-21T14:03:11Z) or a date (2026-11-21, midnight UTC). */
    Instant instant(String name, String value) {
        if (blank(value)) {
            return null;
        }
        try {
            return value.length() == 10 ? LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC)
                    : Instant.parse(value);
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(name, "'" + shorten(value)
                    + "' is not an ISO-8601 instant such as 2026-11-21T14:03:11Z or a date such as 2026-11-21"));
            return null;
        }
    }

    Long longInRange(String name, String value, long min, long max) {
        if (blank(value)) {
            return null;
        }
        try {
            long parsed = Long.parseLong(value.trim());
            if (parsed < min || parsed > max) {
                errors.add(new FieldError(name, "must be between " + min + " and " + max + ", was " + parsed));
                return null;
            }
            return parsed;
        } catch (NumberFormatException e) {
            errors.add(new FieldError(name, "'" + shorten(value) + "' is not a whole number"));
            return null;
        }
    }

    <T> T parsed(String name, String value, Function<String, T> parse, String expected) {
        if (blank(value)) {
            return null;
        }
        try {
            return parse.apply(value);
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(name, "'" + shorten(value) + "' is not " + expected));
            return null;
        }
    }

    void problem(String name, String message) {
        errors.add(new FieldError(name, message));
    }

    /** Throws the 400 when any parameter was malformed. */
    void check(String what) {
        if (!errors.isEmpty()) {
            throw new InvalidRequestException("bad " + what + " parameters: " + errors.stream()
                    .map(e -> e.field() + " " + e.message()).reduce((a, b) -> a + "; " + b).orElse(""), errors);
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static String shorten(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "…";
    }
}
