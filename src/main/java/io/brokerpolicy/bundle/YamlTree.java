package io.brokerpolicy.bundle;

import io.brokerpolicy.domain.policy.BundleError;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads a policy YAML file as a tree of nodes that remember their line, so that every problem can be
 * reported as file + line + message. SnakeYAML's composer builds nodes only and never instantiates
 * classes named in the document, and the loader options bound aliases, nesting and size.
 */
final class YamlTree {

    private final String file;
    private final List<BundleError> errors;
    /** The mapping each field map was read from, so that a missing field can be reported at its mapping's line. */
    private final Map<Map<String, Node>, Node> owners = new java.util.IdentityHashMap<>();

    YamlTree(String file, List<BundleError> errors) {
        this.file = file;
        this.errors = errors;
    }

    /** The document's root mapping, or null (with an error recorded) when it is not one. */
    MappingNode parse(String content) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(10);
        options.setNestingDepthLimit(20);
        options.setCodePointLimit(1_000_000);
        try {
            Node root = new Yaml(options).compose(new StringReader(content));
            if (root instanceof MappingNode mapping) {
                return duplicateKeys(mapping) ? null : mapping;
            }
            error(root, "the file must be a YAML mapping of fields");
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() != null ? e.getProblemMark().getLine() + 1 : 0;
            errors.add(new BundleError(file, line, "YAML syntax: " + e.getProblem()));
        } catch (RuntimeException e) {
            errors.add(new BundleError(file, 0, "YAML could not be read: " + e.getMessage()));
        }
        return null;
    }

    /**
     * Reports every key written twice in one mapping, at any depth. SnakeYAML's composer keeps both (its own
     * check runs only when it constructs objects, which this reader never does), and a reader that took the last
     * would silently ignore the first.
     */
    private boolean duplicateKeys(MappingNode root) {
        boolean found = false;
        java.util.Deque<Node> pending = new java.util.ArrayDeque<>();
        java.util.Set<Node> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        pending.push(root);
        while (!pending.isEmpty()) {
            Node node = pending.pop();
            if (!seen.add(node)) {
                continue;
            }
            if (node instanceof MappingNode mapping) {
                Map<String, Node> keys = new java.util.HashMap<>();
                for (NodeTuple tuple : mapping.getValue()) {
                    if (tuple.getKeyNode() instanceof ScalarNode key) {
                        Node first = keys.putIfAbsent(key.getValue(), key);
                        if (first != null) {
                            error(key, "'" + key.getValue() + "' is written twice in the same mapping (first at line "
                                    + line(first) + "); write each key once");
                            found = true;
                        }
                    }
                    pending.push(tuple.getValueNode());
                }
            } else if (node instanceof SequenceNode sequence) {
                sequence.getValue().forEach(pending::push);
            }
        }
        return found;
    }

    int errorCount() {
        return errors.size();
    }

    void error(Node node, String message) {
        errors.add(new BundleError(file, line(node), message));
    }

    static int line(Node node) {
        return node == null || node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }

    /** The fields of a mapping by name; unknown names are errors, since a typo must not be silently ignored. */
    Map<String, Node> fields(Node node, String where, Set<String> allowed) {
        Map<String, Node> fields = new LinkedHashMap<>();
        owners.put(fields, node);
        if (!(node instanceof MappingNode mapping)) {
            error(node, where + " must be a mapping");
            return fields;
        }
        for (NodeTuple tuple : mapping.getValue()) {
            String key = tuple.getKeyNode() instanceof ScalarNode s ? s.getValue() : null;
            if (key == null) {
                error(tuple.getKeyNode(), where + ": keys must be plain names");
            } else if (allowed != null && !allowed.contains(key)) {
                error(tuple.getKeyNode(), where + ": unknown field '" + key + "' (allowed: "
                        + allowed.stream().sorted().toList() + ")");
            } else {
                fields.put(key, tuple.getValueNode());
            }
        }
        return fields;
    }

    String text(Map<String, Node> fields, String name, String where, boolean required) {
        Node node = fields.get(name);
        if (node == null) {
            if (required) {
                error(owners.get(fields), where + ": missing required field '" + name + "'");
            }
            return null;
        }
        if (!(node instanceof ScalarNode scalar) || scalar.getValue().isBlank()) {
            error(node, where + "." + name + " must be a non-empty value");
            return null;
        }
        return scalar.getValue().trim();
    }

    BigDecimal number(Map<String, Node> fields, String name, String where, boolean required) {
        String text = text(fields, name, where, required);
        return text == null ? null : number(fields.get(name), text, where + "." + name);
    }

    BigDecimal number(Node node, String text, String where) {
        try {
            BigDecimal value = new BigDecimal(text);
            if (value.precision() > 30 || Math.abs(value.scale()) > 20) {
                error(node, where + " has too many digits: " + text);
                return null;
            }
            return value;
        } catch (NumberFormatException e) {
            error(node, where + " must be a number, not '" + text + "'");
            return null;
        }
    }

    Boolean bool(Map<String, Node> fields, String name, String where) {
        String text = text(fields, name, where, false);
        if (text == null) {
            return null;
        }
        if (!text.equals("true") && !text.equals("false")) {
            error(fields.get(name), where + "." + name + " must be true or false, not '" + text + "'");
            return null;
        }
        return Boolean.valueOf(text);
    }

    <E extends Enum<E>> E enumValue(Node node, String text, Class<E> type, String where) {
        try {
            return Enum.valueOf(type, text);
        } catch (IllegalArgumentException e) {
            List<String> names = new ArrayList<>();
            for (E constant : type.getEnumConstants()) {
                names.add(constant.name());
            }
            error(node, where + ": '" + text + "' is not one of " + names);
            return null;
        }
    }

    /** The items of a list; an error (and no items) when the node is not a list. */
    List<Node> items(Node node, String where) {
        if (!(node instanceof SequenceNode sequence)) {
            error(node, where + " must be a list");
            return List.of();
        }
        return sequence.getValue();
    }

    Instant instant(Map<String, Node> fields, String name, String where, boolean required) {
        String text = text(fields, name, where, required);
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            error(fields.get(name), where + "." + name + " must be an ISO-8601 UTC time such as 2026-12-10T13:30:00Z, not '"
                    + text + "'");
            return null;
        }
    }

    Integer integer(Map<String, Node> fields, String name, String where, boolean required) {
        BigDecimal value = number(fields, name, where, required);
        if (value == null) {
            return null;
        }
        try {
            return value.intValueExact();
        } catch (ArithmeticException e) {
            error(fields.get(name), where + "." + name + " must be a whole number, not " + value.toPlainString());
            return null;
        }
    }

    List<String> texts(Node node, String where) {
        List<String> values = new ArrayList<>();
        if (!(node instanceof SequenceNode sequence)) {
            error(node, where + " must be a list");
            return values;
        }
        for (Node item : sequence.getValue()) {
            if (item instanceof ScalarNode scalar && !scalar.getValue().isBlank()) {
                values.add(scalar.getValue().trim());
            } else {
                error(item, where + " must hold plain values");
            }
        }
        return values;
    }
}
