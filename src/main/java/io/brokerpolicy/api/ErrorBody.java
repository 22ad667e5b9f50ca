package io.brokerpolicy.api;

import io.brokerpolicy.intake.FieldError;
import java.util.List;

/** The body of every error answer: what went wrong, and per field why. */
public record ErrorBody(String error, List<FieldError> details) {

    public static ErrorBody of(String error) {
        return new ErrorBody(error, List.of());
    }
}
