package io.brokerpolicy.api;

import com.fasterxml.jackson.databind.JsonMappingException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import java.util.List;

/**
 * Names the field of a Bean Validation violation or a JSON binding error the way every 400 answer names fields:
 * {@code files}, {@code files.rules/margin.drl}, {@code positions[0].quantity}, or the query parameter ({@code last}).
 * The method and the body parameter are not part of the name; a violation of the body itself is {@code $}.
 */
final class ViolationFields {

    /** The name of the body parameter of the resource methods that take a DTO. */
    static final String BODY = "body";

    private ViolationFields() {
    }

    static String of(ConstraintViolation<?> violation) {
        StringBuilder field = new StringBuilder();
        String parameter = null;
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.CONSTRUCTOR) {
                continue;
            }
            if (node.getKind() == ElementKind.PARAMETER) {
                parameter = node.getName();
                continue;
            }
            if (node.getKind() == ElementKind.PROPERTY) {
                append(field, node.getName());
            }
            if (node.isInIterable() && node.getKey() != null) {
                append(field, String.valueOf(node.getKey()));
            } else if (node.isInIterable() && node.getIndex() != null) {
                field.append('[').append(node.getIndex()).append(']');
            }
        }
        if (field.length() > 0) {
            return field.toString();
        }
        return parameter == null || parameter.equals(BODY) ? "$" : parameter;
    }

    static String of(List<JsonMappingException.Reference> path) {
        StringBuilder field = new StringBuilder();
        for (JsonMappingException.Reference reference : path) {
            if (reference.getFieldName() != null) {
                append(field, reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                field.append('[').append(reference.getIndex()).append(']');
            }
        }
        return field.length() == 0 ? "$" : field.toString();
    }

    private static void append(StringBuilder field, String name) {
        if (field.length() > 0) {
            field.append('.');
        }
        field.append(name);
    }
}
