package io.brokerpolicy.engine;

import io.brokerpolicy.bundle.PolicyBookParser;
import io.brokerpolicy.domain.ViolationCode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What the policies of a bundle declare that its rules may name (the decimal parameters read as
 * {@code $terms.param("name")} and the violation codes of the team's own rules), and which of them the rules
 * of the bundle do name. A name no policy declares is refused in the rule; a declared name no rule uses is
 * refused in the policy, so that a misspelling on either side is found, not silently ignored.
 */
final class RuleContext {

    private final Map<String, List<PolicyBookParser.Declared>> parameters;
    private final Map<String, List<PolicyBookParser.Declared>> codes;
    private final boolean checked;
    private final Set<String> usedParameters = new TreeSet<>();
    private final Set<String> usedCodes = new TreeSet<>();

    private RuleContext(List<PolicyBookParser.Declared> parameters, List<PolicyBookParser.Declared> codes,
                        boolean checked) {
        this.parameters = byName(parameters);
        this.codes = byName(codes);
        this.checked = checked;
    }

    /** The declarations of a bundle whose policies were read without error. */
    static RuleContext of(List<PolicyBookParser.Declared> parameters, List<PolicyBookParser.Declared> codes) {
        return new RuleContext(parameters, codes, true);
    }

    /**
     * For a bundle whose policies have errors: names are not checked against them (their errors are reported
     * already, and a name might be missing only because its policy did not read).
     */
    static RuleContext unchecked() {
        return new RuleContext(List.of(), List.of(), false);
    }

    private static Map<String, List<PolicyBookParser.Declared>> byName(List<PolicyBookParser.Declared> declared) {
        return declared.stream().collect(Collectors.groupingBy(PolicyBookParser.Declared::name, TreeMap::new,
                Collectors.toList()));
    }

    /** Null when a rule may read the parameter, else why not. */
    String parameterProblem(String name) {
        usedParameters.add(name);
        if (!checked || parameters.containsKey(name)) {
            return null;
        }
        return "parameter \"" + name + "\" is not declared by any policy" + (parameters.isEmpty()
                ? " (they declare none; add it under 'parameters:' in the broker policies that use the rule)"
                : " (they declare: " + String.join(", ", parameters.keySet()) + ")");
    }

    /** Null when a rule may report the code, else why not. */
    String codeProblem(String code) {
        usedCodes.add(code);
        if (!checked || ViolationCode.isBuiltIn(code) || codes.containsKey(code)) {
            return null;
        }
        return "violation code \"" + code + "\" is neither built in (" + String.join(", ",
                java.util.Arrays.stream(ViolationCode.values()).map(Enum::name).toList()) + ") nor declared under"
                + " 'violationCodes:' by a policy" + (codes.isEmpty() ? "" : " (they declare: "
                + String.join(", ", codes.keySet()) + ")");
    }

    /** Declarations no rule of the bundle uses, each where it is written. */
    List<io.brokerpolicy.domain.policy.BundleError> unused() {
        List<io.brokerpolicy.domain.policy.BundleError> errors = new java.util.ArrayList<>();
        if (!checked) {
            return errors;
        }
        parameters.forEach((name, where) -> {
            if (!usedParameters.contains(name)) {
                where.forEach(d -> errors.add(new io.brokerpolicy.domain.policy.BundleError(d.file(), d.line(),
                        "parameter '" + name + "' is declared but no rule reads it: remove it, or spell it as the rule"
                                + " does (the rules read: " + (usedParameters.isEmpty() ? "none" : String.join(", ",
                                usedParameters)) + ")")));
            }
        });
        codes.forEach((code, where) -> {
            if (!usedCodes.contains(code)) {
                where.forEach(d -> errors.add(new io.brokerpolicy.domain.policy.BundleError(d.file(), d.line(),
                        "violation code '" + code + "' is declared but no rule reports it: remove it, or spell it as"
                                + " the rule does")));
            }
        });
        return errors;
    }
}
