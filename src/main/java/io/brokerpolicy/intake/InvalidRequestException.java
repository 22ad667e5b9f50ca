package io.brokerpolicy.intake;

import java.util.List;

/** A request that cannot be accepted as sent; answered 400 with every field problem found. */
public class InvalidRequestException extends RuntimeException {

    private final List<FieldError> details;

    public InvalidRequestException(String message, List<FieldError> details) {
        super(message);
        this.details = List.copyOf(details);
    }

    public List<FieldError> details() {
        return details;
    }
}
