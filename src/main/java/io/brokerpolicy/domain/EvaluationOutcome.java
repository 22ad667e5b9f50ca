package io.brokerpolicy.domain;

import java.util.List;

/** What the rules decided for one account, before it is rounded and explained into a {@link Verdict}. */
public record EvaluationOutcome(
        MarginAccount account,
        PolicyTerms terms,
        PolicyRef policy,
        StatusDecision status,
        List<Violation> violations,
        NegativeBalanceAdjustment negativeBalanceAdjustment,
        List<FiredRule> firedRules) {
}
