package io.brokerpolicy.domain;

import java.math.BigDecimal;

/**
 * The account's margin as it stands, updated by the engine after every close-out step. Kept apart from
 * {@link MarginAccount}, whose published figures are those of the snapshot as received, so that rules about the
 * snapshot (status, KYC limit) are not re-triggered by each close and no rule reads a figure a close changed.
 */
public final class CurrentMargin {

    private final MarginAccount account;

    public CurrentMargin(MarginAccount account) {
        this.account = account;
    }

    public BigDecimal getBalance() {
        return account.getBalance();
    }

    public BigDecimal getEquity() {
        return account.getEquity();
    }

    public BigDecimal getUsedMargin() {
        return account.getUsedMargin();
    }

    public BigDecimal getFreeMargin() {
        return account.getEquity().subtract(account.getUsedMargin());
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
}
