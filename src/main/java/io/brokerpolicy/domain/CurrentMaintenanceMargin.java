package io.brokerpolicy.domain;

import java.math.BigDecimal;

/**
 * The exchange-model account as it stands, updated by the engine after every liquidation step. Kept apart from
 * {@link MaintenanceMarginAccount}, whose published figures are those of the snapshot as received, so that the
 * status rules are not re-triggered by each step (the same split as {@link CurrentMargin}).
 */
public final class CurrentMaintenanceMargin {

    private final MaintenanceMarginAccount account;

    public CurrentMaintenanceMargin(MaintenanceMarginAccount account) {
        this.account = account;
    }

    public boolean isCrossAtOrAbove(BigDecimal ratioPercent) {
        return account.isCrossAtOrAbove(ratioPercent);
    }

    /** Cross positions open on a cross margin balance of zero or below. */
    public boolean isCrossBankrupt() {
        return account.isCrossBankrupt();
    }

    public BigDecimal getCrossMarginRatio() {
        return account.getCrossMarginRatio();
    }

    public BigDecimal getCrossMarginBalance() {
        return account.getCrossMarginBalance();
    }

    public BigDecimal getCrossMaintenanceMargin() {
        return account.getCrossMaintenanceMargin();
    }

    /** Whether reducing {@code position} bracket by bracket can still bring its pool below {@code ratioPercent}. */
    public boolean reductionCanRestore(PositionState position, BigDecimal ratioPercent) {
        return account.reductionCanRestore(position, ratioPercent);
    }
}
