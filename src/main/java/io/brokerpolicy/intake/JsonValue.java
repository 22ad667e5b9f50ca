package io.brokerpolicy.intake;

import java.math.BigDecimal;
import java.util.List;

/**
 * One value of a snapshot as the validator sees it: only what validation asks of a value (is it null, a
 * string, a number, an object with fields, a list) and nothing deeper. Read either straight from the request
 * stream ({@link SnapshotReader}) or from a JSON tree (stored snapshots, scenarios); both feed the same
 * checks in {@link SnapshotParser}, so a request answers the same field errors whichever way it was read.
 */
record JsonValue(Kind kind, String text, BigDecimal number, JsonFields object, List<JsonValue> items) {

    enum Kind {
        NULL, STRING, NUMBER, OBJECT, ARRAY, OTHER
    }

    static final JsonValue NULL = new JsonValue(Kind.NULL, null, null, null, null);
    /** A boolean, or an object or list where the validator needs nothing of its contents. */
    static final JsonValue OTHER = new JsonValue(Kind.OTHER, null, null, null, null);
    /** An object whose fields the validator does not read (a snapshot field that should have been a string). */
    static final JsonValue SOME_OBJECT = new JsonValue(Kind.OBJECT, null, null, null, null);
    /** A list whose items the validator does not read. */
    static final JsonValue SOME_ARRAY = new JsonValue(Kind.ARRAY, null, null, null, List.of());

    static JsonValue string(String text) {
        return new JsonValue(Kind.STRING, text, null, null, null);
    }

    static JsonValue number(BigDecimal number) {
        return new JsonValue(Kind.NUMBER, null, number, null, null);
    }

    static JsonValue object(JsonFields fields) {
        return new JsonValue(Kind.OBJECT, null, null, fields, null);
    }

    static JsonValue array(List<JsonValue> items) {
        return new JsonValue(Kind.ARRAY, null, null, null, items);
    }

    boolean isNull() {
        return kind == Kind.NULL;
    }
}
