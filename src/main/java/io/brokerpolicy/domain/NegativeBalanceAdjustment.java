package io.brokerpolicy.domain;

import java.math.BigDecimal;

/** The amount the broker absorbs under negative balance protection to bring equity back to zero. */
public record NegativeBalanceAdjustment(BigDecimal amount, String rule) implements RuleResult {

    /** As a rule writes it: the engine adds the rule's name. */
    public NegativeBalanceAdjustment(BigDecimal amount) {
        this(amount, null);
    }

    public BigDecimal getAmount() {
        return amount;
    }

    @Override
    public NegativeBalanceAdjustment firedBy(String firingRule) {
        return new NegativeBalanceAdjustment(amount, firingRule);
    }
}
