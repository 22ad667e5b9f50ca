package io.brokerpolicy.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * The exchange model's view of an account during an evaluation, the fact the liquidation rules reason about.
 * It works on the same {@link MarginAccount} (so equity, balance and the close-out steps stay one story) and
 * splits it into margin pools the exchange way:
 * <ol>
 *   <li>each isolated position is a pool of its own: margin balance = its isolated margin (its wallet) + its
 *       floating PnL;</li>
 *   <li>cross wallet balance = balance - the isolated margin locked in open isolated positions;</li>
 *   <li>cross margin balance = cross wallet balance + floating PnL of the open cross positions (unrealized PnL
 *       + accrued funding - fees owed, so funding and taker fees count);</li>
 *   <li>cross maintenance margin = sum of the cross positions' maintenance margin from their brackets;</li>
 *   <li>cross margin ratio = cross maintenance margin / cross margin balance x 100.</li>
 * </ol>
 *
 * <p>A liquidation step closes (part of) a position at its mark price and keeps each pool on its own collateral:
 * <ol>
 *   <li>the closed part's floating PnL is realized into the pool's wallet (an isolated position's own margin, or the
 *       cross wallet), so the pool's margin balance does not move;</li>
 *   <li>a liquidation fee of {@code liquidationFeePercent} of the closed notional is taken from the pool, never more
 *       than the pool's margin balance has left;</li>
 *   <li>when the step closes the pool's last position, what is left of the pool's margin balance goes to the insurance
 *       fund (contribution), and a margin balance below zero is a loss the insurance fund covers (shortfall): the
 *       pool's wallet ends at zero either way.</li>
 * </ol>
 * So a liquidated isolated position costs the account exactly its isolated margin, and no pool's money moves into
 * another inside one evaluation: an isolated liquidation never lifts the cross pool, nor a cross shortfall an isolated one.
 *
 * <p>Figures are recomputed from the positions on every question: liquidation changes them step by step and a
 * snapshot has few positions, so keeping running sums would buy nothing but a way to get them wrong.
 */
public final class MaintenanceMarginAccount {

    private final MarginAccount account;
    private final BigDecimal liquidationFeePercent;
    private final BigDecimal initialCrossMarginBalance;
    private final BigDecimal initialCrossMaintenanceMargin;
    private BigDecimal liquidationFees = BigDecimal.ZERO;
    private BigDecimal insuranceFundContribution = BigDecimal.ZERO;
    private BigDecimal insuranceFundShortfall = BigDecimal.ZERO;

    public MaintenanceMarginAccount(MarginAccount account) {
        this(account, BigDecimal.ZERO);
    }

    /** {@code liquidationFeePercent} of the closed notional is charged on every liquidation step (0.5 means 0.5 %). */
    public MaintenanceMarginAccount(MarginAccount account, BigDecimal liquidationFeePercent) {
        this.account = account;
        this.liquidationFeePercent = liquidationFeePercent == null ? BigDecimal.ZERO : liquidationFeePercent;
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
                locked = locked.add(p.getPosition().isolatedMargin());
            }
        }
        return account.getBalance().subtract(locked);
    }

    public BigDecimal getCrossMarginBalance() {
        BigDecimal balance = getCrossWalletBalance();
        for (PositionState p : openCross()) {
            balance = balance.add(p.floatingPnl());
        }
        return balance;
    }

    public BigDecimal getCrossMaintenanceMargin() {
        BigDecimal total = BigDecimal.ZERO;
        for (PositionState p : openCross()) {
            total = total.add(p.maintenanceMargin());
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

    /** True while cross positions are open on a cross margin balance of zero or below: the pool is closed whole. */
    public boolean isCrossBankrupt() {
        return !openCross().isEmpty() && getCrossMarginBalance().signum() <= 0;
    }

    public List<PositionState> openCross() {
        List<PositionState> cross = new ArrayList<>();
        for (PositionState p : account.openPositions()) {
            if (p.isCross()) {
                cross.add(p);
            }
        }
        return cross;
    }

    public List<PositionState> openIsolated() {
        List<PositionState> isolated = new ArrayList<>();
        for (PositionState p : account.openPositions()) {
            if (p.isIsolated()) {
                isolated.add(p);
            }
        }
        return isolated;
    }

    public BigDecimal liquidationFeePercent() {
        return liquidationFeePercent;
    }

    /** Liquidation fees charged so far in this evaluation. */
    public BigDecimal liquidationFees() {
        return liquidationFees;
    }

    /** What closed pools left to the insurance fund so far. */
    public BigDecimal insuranceFundContribution() {
        return insuranceFundContribution;
    }

    /** Losses beyond the collateral of closed pools so far, which the insurance fund covers. */
    public BigDecimal insuranceFundShortfall() {
        return insuranceFundShortfall;
    }

    /** Closes a position whole at its mark price and records the step with the margin ratio that decided it. */
    public CloseOutStep liquidate(PositionState position, String rule) {
        return step(position, null, rule);
    }

    /**
     * Reduces a position to the floor of its bracket, so that what stays open falls in the bracket below, with a
     * lower maintenance rate. With a lot size the kept quantity is rounded down to whole lots, which keeps it below
     * the floor, so the pool recovers at least as much as with the exact floor. A position already in bracket 1 has
     * no floor to go down to (nor one whose floor is less than one lot) and is closed whole.
     */
    public CloseOutStep reduceOneBracket(PositionState position, String rule) {
        LeverageBracket bracket = position.bracket();
        if (bracket == null || bracket.number() == 1 || bracket.notionalFloor().signum() == 0) {
            return liquidate(position, rule);
        }
        Kept kept = keptAt(position, bracket.notionalFloor());
        return kept == null ? liquidate(position, rule) : step(position, kept, rule);
    }

    /**
     * Whether reducing this position bracket by bracket can bring its pool below {@code ratioPercent}: true when, for
     * some floor from its own bracket's down to the top of bracket 1, the pool with the position reduced to that floor
     * (in whole lots) and the fee on the closed part paid has a margin balance above zero and a ratio below the
     * threshold. False for a position in bracket 1, which has nothing to reduce to. When it is false a partial
     * liquidation would only take futile steps, and the position is closed whole instead.
     */
    public boolean reductionCanRestore(PositionState position, BigDecimal ratioPercent) {
        LeverageBracket bracket = position.bracket();
        if (!position.isOpen() || bracket == null || bracket.number() == 1) {
            return false;
        }
        BigDecimal balance = poolMarginBalance(position);
        BigDecimal othersMaintenance = poolMaintenanceMargin(position).subtract(position.maintenanceMargin());
        List<LeverageBracket> table = position.brackets().brackets();
        for (int i = bracket.number() - 1; i >= 1; i--) {
            Kept kept = keptAt(position, table.get(i).notionalFloor());
            if (kept == null) {
                continue;
            }
            BigDecimal fee = fee(position.getNotional().subtract(kept.notional()), balance);
            BigDecimal balanceAfter = balance.subtract(fee);
            BigDecimal maintenanceAfter = othersMaintenance.add(position.brackets().maintenanceMargin(kept.notional()));
            if (balanceAfter.signum() > 0 && !MarginRatio.atOrAbove(maintenanceAfter, balanceAfter, ratioPercent)) {
                return true;
            }
        }
        return false;
    }

    /** The margin balance of the pool the position belongs to: its own when isolated, the cross pool's otherwise. */
    public BigDecimal poolMarginBalance(PositionState position) {
        return position.isIsolated() ? position.isolatedMarginBalance() : getCrossMarginBalance();
    }

    private BigDecimal poolMaintenanceMargin(PositionState position) {
        return position.isIsolated() ? position.maintenanceMargin() : getCrossMaintenanceMargin();
    }

    /** The quantity and notional a reduction to {@code floor} keeps; null when not even one lot would stay open. */
    private Kept keptAt(PositionState position, BigDecimal floor) {
        BigDecimal step = position.quantityStep();
        if (step == null) {
            return new Kept(null, floor);
        }
        Position p = position.getPosition();
        BigDecimal perLot = step.multiply(p.contractSize()).multiply(p.markPrice());
        BigDecimal lots = floor.divide(perLot, 0, RoundingMode.FLOOR);
        if (lots.signum() <= 0) {
            return null;
        }
        BigDecimal quantity = lots.multiply(step);
        return new Kept(quantity, quantity.multiply(p.contractSize()).multiply(p.markPrice()));
    }

    /** What a reduction keeps open: an exact quantity in whole lots, or (quantity null) exactly this notional. */
    private record Kept(BigDecimal quantity, BigDecimal notional) {
    }

    /** The fee on a closed notional, never more than what the pool's margin balance has left. */
    private BigDecimal fee(BigDecimal closedNotional, BigDecimal poolBalance) {
        BigDecimal fee = closedNotional.multiply(Decimals.fraction(liquidationFeePercent));
        return fee.min(poolBalance.max(BigDecimal.ZERO));
    }

    /** Keeps {@code kept} of the position open (null: closes it), settles the pool's fee and insurance figures, records the step. */
    private CloseOutStep step(PositionState position, Kept kept, String rule) {
        boolean isolated = position.isIsolated();
        MarginMode scope = isolated ? MarginMode.ISOLATED : MarginMode.CROSS;
        BigDecimal ratioBefore = ratioOf(position);
        BigDecimal poolBalance = poolMarginBalance(position);
        Integer bracketBefore = position.bracket() == null ? null : position.bracket().number();
        BigDecimal quantityBefore = position.getPosition().quantity();
        BigDecimal notionalBefore = position.getNotional();
        BigDecimal walletBefore = isolated ? position.getPosition().isolatedMargin() : null;

        BigDecimal realized;
        if (kept == null) {
            realized = account.realize(position, BigDecimal.ZERO);
        } else if (kept.quantity() == null) {
            realized = account.realize(position, kept.notional());
        } else {
            realized = account.realizeKeepingQuantity(position, kept.quantity());
        }
        BigDecimal remaining = position.isOpen() ? position.getPosition().quantity() : BigDecimal.ZERO;
        BigDecimal closedNotional = notionalBefore.subtract(position.isOpen() ? position.getNotional() : BigDecimal.ZERO);
        BigDecimal fee = fee(closedNotional, poolBalance);
        account.credit(fee.negate());

        BigDecimal leftover = null;
        if (isolated) {
            BigDecimal wallet = walletBefore.add(realized).subtract(fee);
            if (position.isOpen()) {
                BigDecimal usedBefore = position.usedMargin();
                position.setIsolatedMargin(wallet);
                account.usedMarginChanged(usedBefore, position.usedMargin());
            } else {
                leftover = wallet;
            }
        } else if (openCross().isEmpty()) {
            leftover = getCrossMarginBalance();
        }
        BigDecimal contribution = BigDecimal.ZERO;
        BigDecimal shortfall = BigDecimal.ZERO;
        if (leftover != null) {
            // The pool is closed: its wallet ends at zero, what was left goes to the insurance fund, what was missing it covers.
            account.credit(leftover.negate());
            contribution = leftover.max(BigDecimal.ZERO);
            shortfall = leftover.negate().max(BigDecimal.ZERO);
        }
        liquidationFees = liquidationFees.add(fee);
        insuranceFundContribution = insuranceFundContribution.add(contribution);
        insuranceFundShortfall = insuranceFundShortfall.add(shortfall);

        Integer bracketAfter = position.isOpen() && position.bracket() != null ? position.bracket().number() : null;
        BigDecimal ratioAfter = isolated && !position.isOpen() ? null : ratioOf(position);
        return account.record(new CloseOutStep(account.nextStepNumber(), position.positionId(), realized, null, null,
                rule, quantityBefore.subtract(remaining), remaining,
                new MaintenanceStep(scope, ratioBefore, ratioAfter, bracketBefore, bracketAfter, fee, contribution,
                        shortfall)));
    }

    private BigDecimal ratioOf(PositionState position) {
        return position.isIsolated() ? position.isolatedMarginRatio() : getCrossMarginRatio();
    }
}
