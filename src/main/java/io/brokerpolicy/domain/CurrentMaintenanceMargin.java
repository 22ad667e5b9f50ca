package io.brokerpolicy.domain;

import java.math.BigDecimal;

/**
 * The exchange-model account as it stands, updated after every liquidation step. Kept apart from
 * {@link MaintenanceMarginAccount}, which the rules never update, so that the status rules about the snapshot
 * as received are not re-triggered by each step (the same split as {@link CurrentMargin}).
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

    /** Whether reducing {@code position} bracket by bracket can still bring its pool below {@code ratioPercent}. */
    public boolean reductionCanRestore(PositionState position, BigDecimal ratioPercent) {
        return account.reductionCanRestore(position, ratioPercent);
    }

    public CloseOutStep liquidate(PositionState position, String rule) {
        return account.liquidate(position, rule);
    }

    public CloseOutStep reduceOneBracket(PositionState position, String rule) {
        return account.reduceOneBracket(position, rule);
    }
}
