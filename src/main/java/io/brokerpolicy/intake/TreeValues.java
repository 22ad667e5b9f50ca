package io.brokerpolicy.intake;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A snapshot held as a JSON tree (a stored snapshot being replayed, a scenario, a test) as the validator's
 * {@link JsonValue}s. Requests do not come this way: {@link SnapshotReader} reads them from the stream.
 */
final class TreeValues {

    private TreeValues() {
    }

    static JsonValue snapshot(JsonNode json) {
        if (json == null || !json.isObject()) {
            return scalar(json);
        }
        JsonFields fields = new JsonFields();
        for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String name = field.getKey();
            JsonNode value = field.getValue();
            if (!SnapshotParser.isSnapshotField(name)) {
                fields.put(name, null);
            } else if (name.equals("positions") && value.isArray()) {
                List<JsonValue> items = new ArrayList<>(value.size());
                value.forEach(item -> items.add(item.isObject() ? position(item) : scalar(item)));
                fields.put(name, JsonValue.array(items));
            } else {
                fields.put(name, scalar(value));
            }
        }
        return JsonValue.object(fields);
    }

    private static JsonValue position(JsonNode json) {
        JsonFields fields = new JsonFields();
        for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String name = field.getKey();
            fields.put(name, SnapshotParser.isPositionField(name) ? scalar(field.getValue()) : null);
        }
        return JsonValue.object(fields);
    }

    private static JsonValue scalar(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return node == null ? null : JsonValue.NULL;
        }
        if (node.isTextual()) {
            return JsonValue.string(node.textValue());
        }
        if (node.isNumber()) {
            return JsonValue.number(node.decimalValue());
        }
        if (node.isObject()) {
            return JsonValue.SOME_OBJECT;
        }
        if (node.isArray()) {
            return JsonValue.SOME_ARRAY;
        }
        return JsonValue.OTHER;
    }
}
