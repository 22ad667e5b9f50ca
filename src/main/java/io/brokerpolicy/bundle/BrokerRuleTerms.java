package io.brokerpolicy.bundle;

import io.brokerpolicy.domain.CloseOutOrder;
import io.brokerpolicy.domain.PositionSortKey;
import io.brokerpolicy.domain.ViolationCode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * The parts of a broker policy that a risk team grows its rules with, without Java:
 * <pre>
 * closeOutOrder:                       # which position a stop-out closes next
 *   description: largest loss first    # how verdicts name it (optional)
 *   sortBy: [floatingPnl ascending, usedMargin descending, openedAt ascending, positionId ascending]
 * parameters:                          # decimals the rules read as $terms.param("concentrationLimitPercent")
 *   concentrationLimitPercent: 500
 * violationCodes:                      # codes of the team's own rules, with what each means
 *   CONCENTRATION_LIMIT_EXCEEDED: a single position's notional is above the limit for the account's equity
 * </pre>
 * Each name and value is checked here with its line; which names the rules actually read is checked with the
 * rules.
 */
final class BrokerRuleTerms {

    static final int MAX_SORT_KEYS = 8;
    static final int MAX_DECLARATIONS = 100;
    private static final Set<String> ORDER_FIELDS = Set.of("description", "sortBy");
    private static final Pattern PARAMETER = Pattern.compile("[a-z][A-Za-z0-9]{0,63}");
    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");
    private static final Pattern PLAIN_TEXT = Pattern.compile("[A-Za-z0-9 .,:;%()/_+*=<>!?&'-]{1,200}");
    private static final Map<String, String> FORMER_NAMES = Map.of(
            "LARGEST_LOSS_FIRST", "{description: largest loss first, sortBy: [floatingPnl ascending,"
                    + " usedMargin descending, openedAt ascending, positionId ascending]}",
            "LARGEST_MARGIN_FIRST", "{description: largest used margin first, sortBy: [usedMargin descending,"
                    + " floatingPnl ascending, openedAt ascending, positionId ascending]}",
            "HIGHEST_LEVERAGE_FIRST", "{description: highest leverage first, sortBy: [leverage descending,"
                    + " floatingPnl ascending, usedMargin descending, openedAt ascending, positionId ascending]}");

    private final YamlTree yaml;
    private final String file;

    BrokerRuleTerms(YamlTree yaml, String file) {
        this.yaml = yaml;
        this.file = file;
    }

    /** The order, {@link CloseOutOrder#DEFAULT} when the policy names none, or null after an error. */
    CloseOutOrder closeOutOrder(Node node) {
        if (node == null) {
            return CloseOutOrder.DEFAULT;
        }
        if (node instanceof ScalarNode scalar) {
            String former = FORMER_NAMES.get(scalar.getValue().trim());
            yaml.error(node, "closeOutOrder is written as data: a description and the sort keys"
                    + (former == null ? " ({description: ..., sortBy: [floatingPnl ascending, ...]})"
                    : "; for " + scalar.getValue().trim() + " write closeOutOrder: " + former));
            return null;
        }
        int before = yaml.errorCount();
        Map<String, Node> f = yaml.fields(node, "closeOutOrder", ORDER_FIELDS);
        String description = yaml.text(f, "description", "closeOutOrder", false);
        if (description != null && !PLAIN_TEXT.matcher(description).matches()) {
            yaml.error(f.get("description"), "closeOutOrder.description is at most 200 characters of letters, digits,"
                    + " spaces and simple punctuation");
        }
        if (!f.containsKey("sortBy")) {
            yaml.error(node, "closeOutOrder: missing required field 'sortBy' (a list such as [floatingPnl ascending,"
                    + " usedMargin descending])");
            return null;
        }
        List<CloseOutOrder.SortKey> keys = new ArrayList<>();
        Set<PositionSortKey> seen = new HashSet<>();
        List<Node> items = yaml.items(f.get("sortBy"), "closeOutOrder.sortBy");
        if (items.isEmpty() || items.size() > MAX_SORT_KEYS) {
            yaml.error(f.get("sortBy"), "closeOutOrder.sortBy lists 1 to " + MAX_SORT_KEYS + " sort keys");
        }
        for (Node item : items) {
            String text = item instanceof ScalarNode s ? s.getValue().trim() : "";
            String[] words = text.split("\\s+");
            PositionSortKey key = words.length == 2 ? PositionSortKey.byProperty(words[0]).orElse(null) : null;
            boolean direction = words.length == 2 && (words[1].equals("ascending") || words[1].equals("descending"));
            if (key == null || !direction) {
                yaml.error(item, "closeOutOrder.sortBy: '" + text + "' is not '<property> ascending|descending' with a"
                        + " property of " + Arrays.stream(PositionSortKey.values()).map(PositionSortKey::property).toList());
            } else if (!seen.add(key)) {
                yaml.error(item, "closeOutOrder.sortBy names " + key.property() + " twice");
            } else {
                keys.add(new CloseOutOrder.SortKey(key, words[1].equals("descending")));
            }
        }
        return yaml.errorCount() > before || keys.isEmpty() ? null : new CloseOutOrder(description, keys);
    }

    /** The named decimal parameters, each with the line it is declared on. */
    Map<String, BigDecimal> parameters(Node node, List<PolicyBookParser.Declared> declared) {
        Map<String, BigDecimal> parameters = new LinkedHashMap<>();
        if (node == null) {
            return parameters;
        }
        Map<String, Node> f = yaml.fields(node, "parameters", null);
        if (f.size() > MAX_DECLARATIONS) {
            yaml.error(node, "parameters: at most " + MAX_DECLARATIONS + " may be declared");
        }
        for (Map.Entry<String, Node> entry : f.entrySet()) {
            String name = entry.getKey();
            if (!PARAMETER.matcher(name).matches()) {
                yaml.error(entry.getValue(), "parameters: '" + name + "' is not a parameter name (a lower-case letter,"
                        + " then letters and digits: concentrationLimitPercent)");
                continue;
            }
            BigDecimal value = yaml.number(f, name, "parameters", true);
            if (value != null) {
                parameters.put(name, value);
                declared.add(new PolicyBookParser.Declared(name, file, YamlTree.line(entry.getValue())));
            }
        }
        return parameters;
    }

    /** The policy's own violation codes with their meaning, each with the line it is declared on. */
    Map<String, String> violationCodes(Node node, List<PolicyBookParser.Declared> declared) {
        Map<String, String> codes = new LinkedHashMap<>();
        if (node == null) {
            return codes;
        }
        if (!(node instanceof MappingNode)) {
            yaml.error(node, "violationCodes is a mapping of code to what it means");
            return codes;
        }
        Map<String, Node> f = yaml.fields(node, "violationCodes", null);
        if (f.size() > MAX_DECLARATIONS) {
            yaml.error(node, "violationCodes: at most " + MAX_DECLARATIONS + " may be declared");
        }
        for (Map.Entry<String, Node> entry : f.entrySet()) {
            String code = entry.getKey();
            if (!CODE.matcher(code).matches()) {
                yaml.error(entry.getValue(), "violationCodes: '" + code + "' is not a code (capital letters, digits and _:"
                        + " CONCENTRATION_LIMIT_EXCEEDED)");
                continue;
            }
            if (ViolationCode.isBuiltIn(code)) {
                yaml.error(entry.getValue(), "violationCodes: " + code + " is built in; declare only codes of your own");
                continue;
            }
            String meaning = yaml.text(f, code, "violationCodes", true);
            if (meaning != null && !PLAIN_TEXT.matcher(meaning).matches()) {
                yaml.error(entry.getValue(), "violationCodes." + code + ": what it means is at most 200 characters of"
                        + " letters, digits, spaces and simple punctuation");
            } else if (meaning != null) {
                codes.put(code, meaning);
                declared.add(new PolicyBookParser.Declared(code, file, YamlTree.line(entry.getValue())));
            }
        }
        return codes;
    }
}
