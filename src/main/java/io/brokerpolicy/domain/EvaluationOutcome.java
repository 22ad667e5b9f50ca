package io.brokerpolicy.domain;

import java.util.List;

/**
 * What the rules decided for one account, before it is rounded and explained into a {@link Verdict}.
 * {@code maintenance} is the exchange model's view of the account, null under the margin-level model.
 */
public record EvaluationOutcome(
        MarginAccount account,
        PolicyTerms terms,
        PolicyRef policy,
        StatusDecision status,
        List<Violation> violations,
        NegativeBalanceAdjustment negativeBalanceAdjustment,
        List<FiredRule> firedRules,
        MaintenanceMarginAccount maintenance) {
}
