package io.brokerpolicy.domain;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A position as the rules see it during one evaluation: its derived figures, whether it is still open, and
 * the tightest leverage cap that applies to it (null when nothing caps it). Under the exchange model it also
 * knows its leverage brackets, and a partial liquidation shrinks it in place, so its figures are recomputed
 * whenever it changes rather than fixed at the start.
 */
public final class PositionState {

    private final Position received;
    private final LeverageCap effectiveCap;
    private final LeverageBracketTable brackets;
    private final BigDecimal quantityStep;
    private Position position;
    private BigDecimal units;
    private BigDecimal floatingPnl;
    private BigDecimal usedMargin;
    private BigDecimal notional;
    private boolean open = true;

    public PositionState(Position position, LeverageCap effectiveCap) {
        this(position, effectiveCap, null);
    }

    /** {@code brackets} is null under the margin-level model, where there is no maintenance margin. */
    public PositionState(Position position, LeverageCap effectiveCap, LeverageBracketTable brackets) {
        this(position, effectiveCap, brackets, null);
    }

    /**
     * {@code quantityStep} is the symbol's lot size under the exchange model (null: quantities are not rounded), the
     * unit in which a partial liquidation may reduce the position.
     */
    public PositionState(Position position, LeverageCap effectiveCap, LeverageBracketTable brackets,
                         BigDecimal quantityStep) {
        this.received = position;
        this.effectiveCap = effectiveCap;
        this.brackets = brackets;
        this.quantityStep = quantityStep;
        set(position);
    }

    private void set(Position current) {
        Position.Figures figures = current.figures();
        this.position = current;
        this.units = figures.units();
        this.floatingPnl = figures.floatingPnl();
        this.usedMargin = figures.usedMargin();
        this.notional = figures.notional();
    }

    /** quantity x contract size of the position as it stands now. */
    public BigDecimal units() {
        return units;
    }

    /** The position as it stands now (smaller than received after a partial liquidation). */
    public Position getPosition() {
        return position;
    }

    public Position received() {
        return received;
    }

    public String positionId() {
        return position.positionId();
    }

    public String getPositionId() {
        return position.positionId();
    }

    public String symbol() {
        return position.symbol();
    }

    public AssetClass getAssetClass() {
        return position.assetClass();
    }

    public String getSymbol() {
        return position.symbol();
    }

    public Side getSide() {
        return position.side();
    }

    public BigDecimal getQuantity() {
        return position.quantity();
    }

    public Instant getOpenedAt() {
        return position.openedAt();
    }

    public BigDecimal floatingPnl() {
        return floatingPnl;
    }

    public BigDecimal getFloatingPnl() {
        return floatingPnl;
    }

    public BigDecimal usedMargin() {
        return usedMargin;
    }

    public BigDecimal getUsedMargin() {
        return usedMargin;
    }

    public BigDecimal getNotional() {
        return notional;
    }

    public BigDecimal leverage() {
        return position.leverage();
    }

    public BigDecimal getLeverage() {
        return position.leverage();
    }

    public Instant openedAt() {
        return position.openedAt();
    }

    public LeverageCap getEffectiveCap() {
        return effectiveCap;
    }

    /** True when a cap applies and the position's leverage is above it. */
    public boolean isLeverageAboveCap() {
        return effectiveCap != null && position.leverage().compareTo(effectiveCap.limit()) > 0;
    }

    public boolean isOpen() {
        return open;
    }

    void markClosed() {
        open = false;
    }

    /**
     * Shrinks the position to {@code targetNotional} (above 0, below its notional). The notional is set to the
     * target exactly rather than recomputed from a quantity that is a rounded quotient, so that a position reduced
     * to a bracket floor is in the bracket below and not a rounding residue above the floor.
     */
    void shrinkTo(BigDecimal targetNotional) {
        set(position.keeping(targetNotional, notional));
        this.notional = targetNotional;
    }

    /** Shrinks the position to exactly {@code keptQuantity} lots (above 0, below its quantity): a lot-size reduction. */
    void shrinkToQuantity(BigDecimal keptQuantity) {
        set(position.keepingQuantity(keptQuantity));
    }

    /** Sets what is left of an isolated position's own wallet after a partial liquidation took its loss and fee from it. */
    void setIsolatedMargin(BigDecimal margin) {
        BigDecimal unchanged = notional; // kept exactly: a position shrunk to a bracket floor stays on that floor
        set(position.withIsolatedMargin(margin));
        this.notional = unchanged;
    }

    // --- Exchange model (maintenance margin) ---

    /** The symbol's lot size: a partial liquidation keeps a whole number of these; null when quantities are not rounded. */
    public BigDecimal quantityStep() {
        return quantityStep;
    }

    public boolean isIsolated() {
        return position.usesIsolatedMargin();
    }

    public boolean isCross() {
        return !position.usesIsolatedMargin();
    }

    public LeverageBracketTable brackets() {
        return brackets;
    }

    /** The bracket of the current notional; null under the margin-level model. */
    public LeverageBracket bracket() {
        return brackets == null ? null : brackets.bracketFor(notional);
    }

    /** notional x rate - maintenance amount of the current bracket; zero under the margin-level model. */
    public BigDecimal maintenanceMargin() {
        return brackets == null ? BigDecimal.ZERO : brackets.maintenanceMargin(notional);
    }

    /** An isolated position's own margin balance: its isolated margin plus its floating PnL (funding and fees included). */
    public BigDecimal isolatedMarginBalance() {
        return position.isolatedMargin().add(floatingPnl);
    }

    /** An isolated position's margin ratio in %, null when its margin balance is zero or below (nothing left to measure against). */
    public BigDecimal isolatedMarginRatio() {
        return MarginRatio.percent(maintenanceMargin(), isolatedMarginBalance());
    }

    /**
     * True for an open isolated position whose own margin balance is zero or below: bankrupt, closed whole in one step
     * (no reduction can bring a pool without collateral back).
     */
    public boolean isIsolatedBankrupt() {
        return open && isIsolated() && isolatedMarginBalance().signum() <= 0;
    }

    /** True for an open isolated position whose own margin ratio is at or above {@code ratioPercent}. */
    public boolean isIsolatedAtOrAbove(BigDecimal ratioPercent) {
        return open && isIsolated() && MarginRatio.atOrAbove(maintenanceMargin(), isolatedMarginBalance(), ratioPercent);
    }

    @Override
    public String toString() {
        return "PositionState[" + position.positionId() + (open ? ", open" : ", closed") + "]";
    }
}
