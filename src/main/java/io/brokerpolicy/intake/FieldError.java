package io.brokerpolicy.intake;

/** One problem with one field of a request, named by its JSON path ({@code positions[0].quantity}). */
public record FieldError(String field, String message) {
}
