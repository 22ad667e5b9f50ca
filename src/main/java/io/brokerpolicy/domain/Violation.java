package io.brokerpolicy.domain;

import java.math.BigDecimal;

/**
 * A finding reported beside the status; {@code positionId} is null for account-wide ones. {@code code} is one of
 * the built-in {@link ViolationCode}s or a code the broker's policy declares.
 */
public record Violation(
        String code,
        String positionId,
        BigDecimal limit,
        BigDecimal actual,
        String rule,
        String detail) implements RuleResult {

    /** As a rule writes it: the engine adds the rule's name. */
    public Violation(String code, String positionId, BigDecimal limit, BigDecimal actual, String detail) {
        this(code, positionId, limit, actual, null, detail);
    }

    public Violation(ViolationCode code, String positionId, BigDecimal limit, BigDecimal actual, String rule,
                     String detail) {
        this(code.name(), positionId, limit, actual, rule, detail);
    }

    public String getCode() {
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
