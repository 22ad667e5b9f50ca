package io.brokerpolicy.policy;

import io.brokerpolicy.bundle.Scenario;
import io.brokerpolicy.domain.FiredRule;
import java.util.List;

/**
 * How one scenario went: {@code failure} says why it failed (null when it passed), {@code firedRules} are
 * the rules its evaluation fired (none when it could not be evaluated), {@code nanos} how long it took.
 */
public record ScenarioOutcome(Scenario scenario, String failure, List<FiredRule> firedRules, long nanos) {

    public boolean passed() {
        return failure == null;
    }
}
