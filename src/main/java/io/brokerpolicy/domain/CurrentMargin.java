package io.brokerpolicy.domain;

import java.math.BigDecimal;

/**
 * The account's margin as it stands after each close-out step: the close-out rules {@code update} this
 * fact after every step, so the engine re-evaluates the rules written on it. The engine is never told
 * of the changes to {@link MarginAccount} behind it, so rules written on the account (status, KYC
 * limit) fire once, on the snapshot as received, and are not re-triggered by each close.
 */
public final class CurrentMargin {

    private final MarginAccount account;

    public CurrentMargin(MarginAccount account) {
        this.account = account;
    }

    public BigDecimal getEquity() {
        return account.getEquity();
    }

    public BigDecimal getMarginLevel() {
        return account.getMarginLevel();
    }

    public int getOpenPositionCount() {
        return account.getOpenPositionCount();
    }

    public boolean isAtOrBelow(BigDecimal level) {
        return account.isAtOrBelow(level);
    }

    public CloseOutStep close(PositionState position, String rule) {
        return account.close(position, rule);
    }
}
