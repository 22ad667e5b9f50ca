package io.brokerpolicy.domain;

import java.math.BigDecimal;
import java.util.List;

/**
 * The exchange model's view of an account during an evaluation, the fact the liquidation rules reason about.
 * It works on the same {@link MarginAccount} (so equity, balance and the close-out steps stay one story) and
 * splits it the exchange way:
 * <ol>
 *   <li>isolated positions each have their own margin balance: isolated margin + floating PnL;</li>
 *   <li>cross wallet balance = balance - the isolated margin locked in open isolated positions;</li>
 *   <li>cross margin balance = cross wallet balance + floating PnL of the open cross positions (unrealized PnL
 *       + accrued funding - fees owed, so funding and taker fees count);</li>
 *   <li>cross maintenance margin = sum of the cross positions' maintenance margin from their brackets;</li>
 *   <li>cross margin ratio = cross maintenance margin / cross margin balance x 100.</li>
 * </ol>
 * Figures are recomputed from the positions on every question: liquidation changes them step by step and a
 * snapshot has few positions, so keeping running sums would buy nothing but a way to get them wrong.
 */
public final class MaintenanceMarginAccount {

    private final MarginAccount account;
    private final BigDecimal initialCrossMarginBalance;
    private final BigDecimal initialCrossMaintenanceMargin;

    public MaintenanceMarginAccount(MarginAccount account) {
        this.account = account;
        this.initialCrossMarginBalance = getCrossMarginBalance();
        this.initialCrossMaintenanceMargin = getCrossMaintenanceMargin();
    }

    public MarginAccount account() {
        return account;
    }

    public BigDecimal getCrossWalletBalance() {
        BigDecimal locked = BigDecimal.ZERO;
        for (PositionState p : account.openPositions()) {
            if (p.isIsolated()) {
                locked = locked.add(p.getPosition().isolatedMargin(), Decimals.MC);
            }
        }
        return account.getBalance().subtract(locked, Decimals.MC);
    }

    public BigDecimal getCrossMarginBalance() {
        BigDecimal balance = getCrossWalletBalance();
        for (PositionState p : openCross()) {
            balance = balance.add(p.floatingPnl(), Decimals.MC);
        }
        return balance;
    }

    public BigDecimal getCrossMaintenanceMargin() {
        BigDecimal total = BigDecimal.ZERO;
        for (PositionState p : openCross()) {
            total = total.add(p.maintenanceMargin(), Decimals.MC);
        }
        return total;
    }

    /** The cross margin ratio in % now; null with no cross position open or a margin balance of zero or below. */
    public BigDecimal getCrossMarginRatio() {
        return MarginRatio.percent(getCrossMaintenanceMargin(), getCrossMarginBalance());
    }

    public BigDecimal getInitialCrossMarginBalance() {
        return initialCrossMarginBalance;
    }

    public BigDecimal getInitialCrossMaintenanceMargin() {
        return initialCrossMaintenanceMargin;
    }

    public BigDecimal getInitialCrossMarginRatio() {
        return MarginRatio.percent(initialCrossMaintenanceMargin, initialCrossMarginBalance);
    }

    /** As the snapshot was received: is the cross margin ratio at or above {@code ratioPercent}? Decides the status. */
    public boolean initiallyAtOrAbove(BigDecimal ratioPercent) {
        return MarginRatio.atOrAbove(initialCrossMaintenanceMargin, initialCrossMarginBalance, ratioPercent);
    }

    /** As it stands now, after any liquidation step: drives the liquidation loop. */
    public boolean isCrossAtOrAbove(BigDecimal ratioPercent) {
        return MarginRatio.atOrAbove(getCrossMaintenanceMargin(), getCrossMarginBalance(), ratioPercent);
    }

    public List<PositionState> openCross() {
        return account.openPositions().stream().filter(PositionState::isCross).toList();
    }

    public List<PositionState> openIsolated() {
        return account.openPositions().stream().filter(PositionState::isIsolated).toList();
    }

    /** Closes a position whole at its mark price and records the step with the margin ratio that decided it. */
    public CloseOutStep liquidate(PositionState position, String rule) {
        return step(position, BigDecimal.ZERO, rule);
    }

    /**
     * Reduces a position to the floor of its bracket, so that what stays open falls in the bracket below, with a
     * lower maintenance rate; a position already in bracket 1 has no floor to go down to and is closed whole.
     */
    public CloseOutStep reduceOneBracket(PositionState position, String rule) {
        LeverageBracket bracket = position.bracket();
        if (bracket == null || bracket.number() == 1 || bracket.notionalFloor().signum() == 0) {
            return liquidate(position, rule);
        }
        return step(position, bracket.notionalFloor(), rule);
    }

    /** Keeps {@code keptNotional} of the position open (0: closes it) and records the step. */
    private CloseOutStep step(PositionState position, BigDecimal keptNotional, String rule) {
        MarginMode scope = position.isIsolated() ? MarginMode.ISOLATED : MarginMode.CROSS;
        BigDecimal ratioBefore = ratioOf(scope, position);
        Integer bracketBefore = position.bracket() == null ? null : position.bracket().number();
        BigDecimal quantityBefore = position.getPosition().quantity();
        BigDecimal realized = account.realize(position, keptNotional, true);
        BigDecimal remaining = position.isOpen() ? position.getPosition().quantity() : BigDecimal.ZERO;
        Integer bracketAfter = position.isOpen() && position.bracket() != null ? position.bracket().number() : null;
        BigDecimal ratioAfter = scope == MarginMode.ISOLATED && !position.isOpen() ? null : ratioOf(scope, position);
        return account.record(new CloseOutStep(account.nextStepNumber(), position.positionId(), realized, null, null,
                rule, quantityBefore.subtract(remaining, Decimals.MC), remaining,
                new MaintenanceStep(scope, ratioBefore, ratioAfter, bracketBefore, bracketAfter)));
    }

    private BigDecimal ratioOf(MarginMode scope, PositionState position) {
        return scope == MarginMode.ISOLATED ? position.isolatedMarginRatio() : getCrossMarginRatio();
    }
}
