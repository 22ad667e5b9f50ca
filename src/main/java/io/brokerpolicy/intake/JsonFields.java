package io.brokerpolicy.intake;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The fields of one JSON object as the validator needs them: every name in the order it came (for the
 * unknown-field errors), and the values of the fields it knows.
 */
final class JsonFields {

    private final List<String> names = new ArrayList<>(16);
    private final Map<String, JsonValue> values = new HashMap<>(32);

    void put(String name, JsonValue value) {
        names.add(name);
        if (value != null) {
            values.put(name, value);
        }
    }

    List<String> names() {
        return names;
    }

    /** The value of a known field, or null when the object has no such field. */
    JsonValue get(String name) {
        return values.get(name);
    }
}
