package io.brokerpolicy.domain;

import java.math.BigDecimal;

/** A finding that does not depend on the margin level; {@code positionId} is null for account-wide ones. */
public record Violation(
        ViolationCode code,
        String positionId,
        BigDecimal limit,
        BigDecimal actual,
        String rule,
        String detail) implements RuleResult {

    /** As a rule writes it: the engine adds the rule's name. */
    public Violation(ViolationCode code, String positionId, BigDecimal limit, BigDecimal actual, String detail) {
        this(code, positionId, limit, actual, null, detail);
    }

    public ViolationCode getCode() {
        return code;
    }

    public String getPositionId() {
        return positionId;
    }

    public BigDecimal getLimit() {
        return limit;
    }

    public BigDecimal getActual() {
        return actual;
    }

    @Override
    public Violation firedBy(String firingRule) {
        return new Violation(code, positionId, limit, actual, firingRule, detail);
    }
}
