package io.brokerpolicy.domain;

import java.math.BigDecimal;

/**
 * The account's margin as it stands, updated after every close-out step. Kept apart from
 * {@link MarginAccount}, which the rules never update, so that rules about the snapshot as received
 * (status, KYC limit) are not re-triggered by each close.
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
