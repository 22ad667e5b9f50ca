package io.brokerpolicy.engine;

import io.brokerpolicy.engine.FactCatalogue.CatalogueType;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * A checked piece of a rule: its type, and the text the service writes for it into the rule file it compiles
 * ({@code mvel} inside a pattern, {@code java} in a consequence). Only this text is ever compiled, never the
 * author's, so what runs is exactly what was checked.
 */
record Typed(Kind kind, Class<?> javaClass, String mvel, String java, BigDecimal number, String text,
             boolean factVariable, CatalogueType typeReference) {

    enum Kind {
        BOOLEAN, WHOLE, DECIMAL, NUMBER_LITERAL, TEXT, TIME, ENUM, OBJECT, NULL,
        /** A type's name: only the left side of a constant ({@code AccountStatus.STOP_OUT}). */
        TYPE
    }

    static Typed of(Kind kind, Class<?> javaClass, String mvel, String java) {
        return new Typed(kind, javaClass, mvel, java, null, null, false, null);
    }

    static Typed same(Kind kind, Class<?> javaClass, String code) {
        return of(kind, javaClass, code, code);
    }

    static Typed number(BigDecimal value) {
        String plain = value.toPlainString();
        return new Typed(Kind.NUMBER_LITERAL, BigDecimal.class, plain, plain, value, null, false, null);
    }

    static Typed textLiteral(String value) {
        String quoted = "\"" + value + "\"";
        return new Typed(Kind.TEXT, String.class, quoted, quoted, null, value, false, null);
    }

    static Typed typeReference(CatalogueType type) {
        return new Typed(Kind.TYPE, type.type(), type.type().getSimpleName(), type.type().getSimpleName(), null, null,
                false, type);
    }

    static Typed variable(String name, Typed type, boolean fact) {
        return new Typed(type.kind(), type.javaClass(), name, name, null, null, fact, null);
    }

    /** The kind of a value of this Java type, or null when rules cannot hold such a value. */
    static Kind kindOf(Class<?> type, FactCatalogue catalogue) {
        if (type == boolean.class || type == Boolean.class) {
            return Kind.BOOLEAN;
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return Kind.WHOLE;
        }
        if (type == BigDecimal.class) {
            return Kind.DECIMAL;
        }
        if (type == String.class) {
            return Kind.TEXT;
        }
        if (type == Instant.class) {
            return Kind.TIME;
        }
        return catalogue.typeOf(type)
                .map(t -> t.role() == FactCatalogue.Role.ENUM ? Kind.ENUM : Kind.OBJECT)
                .orElse(null);
    }

    boolean numeric() {
        return kind == Kind.WHOLE || kind == Kind.DECIMAL || kind == Kind.NUMBER_LITERAL;
    }

    /** This value where a decimal is expected. */
    String decimalMvel() {
        return asDecimal(mvel);
    }

    String decimalJava() {
        return asDecimal(java);
    }

    private String asDecimal(String code) {
        return switch (kind) {
            case NUMBER_LITERAL -> "RuleMath.decimal(\"" + number.toPlainString() + "\")";
            case WHOLE -> "RuleMath.whole(" + code + ")";
            default -> code;
        };
    }

    /** True for a literal number with no fraction that fits a Java int. */
    boolean wholeLiteral() {
        if (kind != Kind.NUMBER_LITERAL) {
            return false;
        }
        try {
            number.intValueExact();
            return true;
        } catch (ArithmeticException e) {
            return false;
        }
    }

    /** How a rule author would call this type: for messages. */
    String describe() {
        return switch (kind) {
            case BOOLEAN -> "true/false";
            case WHOLE -> "a whole number";
            case DECIMAL, NUMBER_LITERAL -> "a decimal";
            case TEXT -> "text";
            case TIME -> "a time";
            case NULL -> "null";
            case TYPE -> "the type " + javaClass.getSimpleName();
            case ENUM, OBJECT -> javaClass.getSimpleName();
        };
    }
}
