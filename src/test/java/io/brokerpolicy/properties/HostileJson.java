package io.brokerpolicy.properties;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;

/** Random JSON values and mutations of snapshots, aimed at the places a parser gets wrong. */
final class HostileJson {

    static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private static final String[] STRINGS = {"", " ", "NaN", "-NaN", "Infinity", "-Infinity", "+Infinity", "1e999999999",
            "-1e-999999999", "-0", "-0.0", "0e10", "1e15", "999999999999999.999999999999", "0.0000000000001", "1_000",
            "0x10", "1,5", "١٢٣", "\u0000", "null", "true", "[]", "{}", "2026-11-21T14:03:11Z", "9999-12-31T23:59:59Z",
            "+10000-01-01T00:00:00Z", "1969-12-31T23:59:59Z", "2026-02-30T00:00:00Z", "LONG", "SHORT", "ISOLATED",
            "CROSS", "FX_MAJOR", "CRYPTO", "RETAIL", "acme-fx", "nova-crypto", "standard", "pro", "EU", "SC", "USD",
            "x".repeat(200), "p1", "../../etc/passwd", "'; drop table verdict; --", "${jndi:ldap://x}", "\uD800"};

    private HostileJson() {
    }

    static JsonNode value(Random random, int depth) {
        int kind = random.nextInt(depth <= 0 ? 6 : 8);
        return switch (kind) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.booleanNode(random.nextBoolean());
            case 2 -> NODES.textNode(STRINGS[random.nextInt(STRINGS.length)]);
            case 3 -> NODES.numberNode(number(random));
            case 4 -> NODES.numberNode(random.nextLong());
            case 5 -> NODES.numberNode(random.nextDouble() * Math.pow(10, random.nextInt(40) - 20) * (random.nextBoolean() ? 1 : -1));
            case 6 -> {
                ArrayNode array = NODES.arrayNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    array.add(value(random, depth - 1));
                }
                yield array;
            }
            default -> {
                ObjectNode object = NODES.objectNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    object.set(STRINGS[random.nextInt(STRINGS.length)], value(random, depth - 1));
                }
                yield object;
            }
        };
    }

    static BigDecimal number(Random random) {
        BigDecimal unscaled = BigDecimal.valueOf(random.nextLong() % 1_000_000_000L);
        return unscaled.scaleByPowerOfTen(random.nextInt(80) - 40);
    }

    /** Applies one random change somewhere in the tree: replace, remove, add or duplicate. */
    static void mutate(JsonNode root, Random random) {
        List<JsonNode> containers = new ArrayList<>();
        collect(root, containers);
        JsonNode target = containers.get(random.nextInt(containers.size()));
        if (target instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            int action = random.nextInt(4);
            if (names.isEmpty() || action == 0) {
                object.set(random.nextBoolean() ? "extra" : STRINGS[random.nextInt(STRINGS.length)], value(random, 2));
            } else if (action == 1) {
                object.remove(names.get(random.nextInt(names.size())));
            } else {
                object.set(names.get(random.nextInt(names.size())), value(random, 2));
            }
        } else if (target instanceof ArrayNode array) {
            int action = random.nextInt(3);
            if (array.isEmpty() || action == 0) {
                array.add(value(random, 2));
            } else if (action == 1) {
                array.add(array.get(random.nextInt(array.size())).deepCopy());
            } else {
                array.set(random.nextInt(array.size()), value(random, 2));
            }
        }
    }

    private static void collect(JsonNode node, List<JsonNode> into) {
        if (node.isContainerNode()) {
            into.add(node);
            for (Iterator<JsonNode> children = node.elements(); children.hasNext(); ) {
                collect(children.next(), into);
            }
        }
    }
}
