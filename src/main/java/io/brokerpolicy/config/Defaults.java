package io.brokerpolicy.config;

/**
 * The defaults of the service's configuration keys, written once: the configuration mapping, the
 * start-up code that runs before configuration is available, and the command-line tools that run
 * without it all read them from here. Strings, because an annotation's default must be a constant.
 */
public final class Defaults {

    public static final String RULES_DIR = "rules";
    public static final String POLICIES_DIR = "policies";
    public static final String DATA_DIR = "data";
    /** Positions one snapshot may hold; more is refused as a field error. */
    public static final String MAX_POSITIONS = "1000";
    /** Rule firings allowed for one snapshot before the evaluation is refused as runaway. */
    public static final String MAX_RULE_FIRINGS = "10000";
    /** Wall-clock bound of one evaluation's rule firing. */
    public static final String MAX_EVALUATION_MILLIS = "2000";
    /** Wall-clock bound of checking and compiling one bundle's rule files and policies. */
    public static final String MAX_VALIDATION_MILLIS = "30000";
    /** Wall-clock bound of running one bundle's scenarios (each evaluation also has its own bound). */
    public static final String MAX_SCENARIO_RUN_MILLIS = "30000";

    private Defaults() {
    }

    public static int maxPositions() {
        return Integer.parseInt(MAX_POSITIONS);
    }

    public static int maxRuleFirings() {
        return Integer.parseInt(MAX_RULE_FIRINGS);
    }

    public static long maxEvaluationMillis() {
        return Long.parseLong(MAX_EVALUATION_MILLIS);
    }

    public static long maxValidationMillis() {
        return Long.parseLong(MAX_VALIDATION_MILLIS);
    }

    public static long maxScenarioRunMillis() {
        return Long.parseLong(MAX_SCENARIO_RUN_MILLIS);
    }
}
