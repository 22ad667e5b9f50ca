package io.brokerpolicy.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The leaf-by-leaf differences between two JSON documents, each with its path
 * ({@code closeOuts[1].marginLevelAfter}) and both values; a value absent on one side is null there.
 * Numbers compare by value (50.0 and 50.00 are the same level).
 */
public final class JsonDifferences {

    public record Difference(String path, JsonNode original, JsonNode other) {
    }

    private JsonDifferences() {
    }

    public static List<Difference> between(JsonNode original, JsonNode other) {
        List<Difference> found = new ArrayList<>();
        compare("", original, other, found);
        return found;
    }

    private static void compare(String path, JsonNode a, JsonNode b, List<Difference> found) {
        a = a == null ? NullNode.getInstance() : a;
        b = b == null ? NullNode.getInstance() : b;
        if (a.isObject() && b.isObject()) {
            Set<String> names = new LinkedHashSet<>();
            a.fieldNames().forEachRemaining(names::add);
            b.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                compare(path.isEmpty() ? name : path + "." + name, a.get(name), b.get(name), found);
            }
        } else if (a.isArray() && b.isArray()) {
            for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
                compare(path + "[" + i + "]", a.get(i), b.get(i), found);
            }
        } else if (!same(a, b)) {
            found.add(new Difference(path.isEmpty() ? "$" : path, a, b));
        }
    }

    private static boolean same(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        return a.equals(b);
    }
}
