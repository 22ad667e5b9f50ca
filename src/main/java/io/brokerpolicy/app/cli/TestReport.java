package io.brokerpolicy.app.cli;

import io.brokerpolicy.domain.FiredRule;
import io.brokerpolicy.domain.policy.BundleError;
import io.brokerpolicy.policy.ScenarioOutcome;
import java.time.Instant;
import java.util.List;

/**
 * What {@code test} found: the bundle's errors (compile errors, unreadable scenario files), each scenario's
 * outcome, every rule of the bundle, and, when coverage was asked for, the rules no scenario fired (null
 * otherwise). The formats write this and nothing else, so text, JSON and JUnit XML always agree.
 */
record TestReport(String bundleHash, int files, List<BundleError> errors, List<ScenarioOutcome> scenarios,
                  List<FiredRule> rules, List<FiredRule> notFired, long nanos, Instant finishedAt) {

    boolean passed() {
        return errors.isEmpty() && failed() == 0;
    }

    long failed() {
        return scenarios.stream().filter(s -> !s.passed()).count();
    }

    boolean coverageAsked() {
        return notFired != null;
    }

    /** Seconds with millisecond precision, as JUnit XML writes times. */
    static String seconds(long nanos) {
        return java.math.BigDecimal.valueOf(nanos / 1_000_000, 3).toPlainString();
    }
}
