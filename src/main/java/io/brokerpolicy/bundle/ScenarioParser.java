package io.brokerpolicy.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.brokerpolicy.domain.AccountStatus;
import io.brokerpolicy.domain.policy.BundleError;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads the scenario files of a bundle ({@code policies/scenarios/*.yaml}):
 * <pre>
 * scenarios:
 *   - name: standard account at 50% is stopped out, largest loss first
 *     snapshot: { ...the JSON snapshot of POST /evaluations, written as YAML... }
 *     expect:
 *       status: STOP_OUT
 *       closeOuts: [p2, p1]
 *       violations: [LEVERAGE_CAP_EXCEEDED, {code: KYC_LIMIT_EXCEEDED}]
 * </pre>
 * Every problem is a {@link BundleError} with file and line, like a policy file's.
 */
public final class ScenarioParser {

    private static final Set<String> FILE_FIELDS = Set.of("scenarios");
    private static final Set<String> SCENARIO_FIELDS = Set.of("name", "snapshot", "expect", "description");
    private static final Set<String> EXPECT_FIELDS = Set.of("status", "closeOuts", "violations");
    private static final Set<String> VIOLATION_FIELDS = Set.of("code", "positionId");
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    /** The scenarios read, and the errors; scenarios are only run when there is no error. */
    public record Result(List<Scenario> scenarios, List<BundleError> errors) {
    }

    public static boolean isScenarioFile(String path) {
        return path.startsWith(PolicyBookParser.SCENARIOS_PREFIX) && (path.endsWith(".yaml") || path.endsWith(".yml"));
    }

    public Result parse(Map<String, String> files) {
        List<Scenario> scenarios = new ArrayList<>();
        List<BundleError> errors = new ArrayList<>();
        Set<String> names = new HashSet<>();
        new TreeMap<>(files).forEach((path, content) -> {
            if (!isScenarioFile(path)) {
                return;
            }
            YamlTree yaml = new YamlTree(path, errors);
            MappingNode root = yaml.parse(content);
            if (root == null) {
                return;
            }
            Map<String, Node> f = yaml.fields(root, "scenario file", FILE_FIELDS);
            if (!(f.get("scenarios") instanceof SequenceNode list)) {
                yaml.error(root, "scenario file: 'scenarios' must be a list of scenarios");
                return;
            }
            for (Node item : list.getValue()) {
                Scenario scenario = scenario(yaml, path, item, scenarios.size() + 1);
                if (scenario != null && !names.add(scenario.name())) {
                    yaml.error(item, "scenario '" + scenario.name() + "' is defined twice; names must be unique");
                } else if (scenario != null) {
                    scenarios.add(scenario);
                }
            }
        });
        return new Result(List.copyOf(scenarios), List.copyOf(errors));
    }

    private Scenario scenario(YamlTree yaml, String path, Node node, int number) {
        int before = errorCount(yaml);
        Map<String, Node> f = yaml.fields(node, "scenario", SCENARIO_FIELDS);
        String name = yaml.text(f, "name", "scenario", false);
        if (name == null) {
            yaml.error(node, "scenario: missing required field 'name'");
        }
        String where = "scenario '" + name + "'";
        JsonNode snapshot = null;
        if (!(f.get("snapshot") instanceof MappingNode snapshotNode)) {
            yaml.error(f.getOrDefault("snapshot", node), where + ": 'snapshot' must be an account snapshot (a mapping)");
        } else {
            snapshot = json(snapshotNode);
            if (!snapshot.has("snapshotId")) {
                ((ObjectNode) snapshot).put("snapshotId", "scenario-" + number);
            }
        }
        AccountStatus status = null;
        List<String> closeOuts = null;
        List<Scenario.ExpectedViolation> violations = null;
        if (!f.containsKey("expect")) {
            yaml.error(node, where + ": missing required field 'expect'");
        } else {
            Map<String, Node> e = yaml.fields(f.get("expect"), where + ".expect", EXPECT_FIELDS);
            String statusText = yaml.text(e, "status", where + ".expect", true);
            status = statusText == null ? null
                    : yaml.enumValue(e.get("status"), statusText, AccountStatus.class, where + ".expect.status");
            if (e.containsKey("closeOuts")) {
                closeOuts = yaml.texts(e.get("closeOuts"), where + ".expect.closeOuts");
            }
            if (e.containsKey("violations")) {
                violations = violations(yaml, e.get("violations"), where + ".expect.violations");
            }
        }
        if (errorCount(yaml) > before || name == null || snapshot == null || status == null) {
            return null;
        }
        return new Scenario(path, YamlTree.line(node), name, snapshot, status, closeOuts, violations);
    }

    private List<Scenario.ExpectedViolation> violations(YamlTree yaml, Node node, String where) {
        List<Scenario.ExpectedViolation> violations = new ArrayList<>();
        if (!(node instanceof SequenceNode list)) {
            yaml.error(node, where + " must be a list ([] for none)");
            return violations;
        }
        for (Node item : list.getValue()) {
            if (item instanceof ScalarNode scalar) {
                String code = code(yaml, item, scalar.getValue(), where);
                if (code != null) {
                    violations.add(new Scenario.ExpectedViolation(code, null));
                }
            } else {
                Map<String, Node> v = yaml.fields(item, where, VIOLATION_FIELDS);
                String codeText = yaml.text(v, "code", where, true);
                String code = codeText == null ? null : code(yaml, v.get("code"), codeText, where + ".code");
                if (code != null) {
                    violations.add(new Scenario.ExpectedViolation(code, yaml.text(v, "positionId", where, false)));
                }
            }
        }
        return violations;
    }

    /** A violation code as scenarios write it: a built-in one or one the policies declare (CAPITALS_AND_DIGITS). */
    private static String code(YamlTree yaml, Node node, String text, String where) {
        String code = text.trim();
        if (!code.matches("[A-Z][A-Z0-9_]{0,63}")) {
            yaml.error(node, where + ": '" + code + "' is not a violation code (such as LEVERAGE_CAP_EXCEEDED)");
            return null;
        }
        return code;
    }

    /** The YAML snapshot as the JSON the API would receive: every scalar as text, which the parser accepts. */
    private static JsonNode json(Node node) {
        if (node instanceof MappingNode mapping) {
            ObjectNode object = NODES.objectNode();
            for (NodeTuple tuple : mapping.getValue()) {
                String key = tuple.getKeyNode() instanceof ScalarNode s ? s.getValue() : String.valueOf(tuple.getKeyNode());
                object.set(key, json(tuple.getValueNode()));
            }
            return object;
        }
        if (node instanceof SequenceNode sequence) {
            ArrayNode array = NODES.arrayNode();
            sequence.getValue().forEach(item -> array.add(json(item)));
            return array;
        }
        ScalarNode scalar = (ScalarNode) node;
        return Tag.NULL.equals(scalar.getTag()) ? NODES.nullNode() : NODES.textNode(scalar.getValue());
    }

    private static int errorCount(YamlTree yaml) {
        return yaml.errorCount();
    }
}
