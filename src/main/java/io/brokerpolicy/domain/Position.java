package io.brokerpolicy.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Objects;

/**
 * One open position of an account snapshot, as the trading system reported it.
 *
 * <p>The arithmetic (docs/domain.md, "Quantities"):
 * <ol>
 *   <li>units = quantity x contractSize</li>
 *   <li>unrealized PnL = (mark - open) x units for LONG, (open - mark) x units for SHORT</li>
 *   <li>floating PnL = unrealized PnL + swap - fees</li>
 *   <li>notional = units x mark price</li>
 *   <li>used margin = notional / leverage (or the assigned margin of an isolated position)</li>
 * </ol>
 * Nothing is rounded here.
 */
public record Position(
        String positionId,
        String symbol,
        AssetClass assetClass,
        Side side,
        BigDecimal quantity,
        BigDecimal contractSize,
        BigDecimal openPrice,
        BigDecimal markPrice,
        BigDecimal leverage,
        BigDecimal swap,
        BigDecimal fees,
        Instant openedAt,
        MarginMode marginMode,
        BigDecimal isolatedMargin,
        BigDecimal fundingRate) {

    public Position {
        Objects.requireNonNull(positionId, "positionId");
        Objects.requireNonNull(assetClass, "assetClass");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(contractSize, "contractSize");
        Objects.requireNonNull(openPrice, "openPrice");
        Objects.requireNonNull(markPrice, "markPrice");
        Objects.requireNonNull(leverage, "leverage");
        swap = swap == null ? BigDecimal.ZERO : swap;
        fees = fees == null ? BigDecimal.ZERO : fees;
        marginMode = marginMode == null ? MarginMode.CROSS : marginMode;
    }

    /** The figures of this position, computed once: units, notional, floating PnL and used margin. */
    public Figures figures() {
        BigDecimal units = units();
        BigDecimal move = markPrice.subtract(openPrice).multiply(units);
        BigDecimal floating = (side == Side.LONG ? move : move.negate()).add(swap).subtract(fees);
        BigDecimal notional = units.multiply(markPrice);
        BigDecimal used = usesIsolatedMargin() ? isolatedMargin : Decimals.divide(notional, leverage);
        return new Figures(units, notional, floating, used);
    }

    /** A position's derived figures, as {@link #units}, {@link #notional}, {@link #floatingPnl} and {@link #usedMargin} give them. */
    public record Figures(BigDecimal units, BigDecimal notional, BigDecimal floatingPnl, BigDecimal usedMargin) {
    }

    public BigDecimal units() {
        return quantity.multiply(contractSize);
    }

    public BigDecimal unrealizedPnl() {
        return unrealizedPnlAt(markPrice);
    }

    /** The unrealized PnL this position would show at another mark price; used for liquidation prices. */
    public BigDecimal unrealizedPnlAt(BigDecimal price) {
        BigDecimal move = price.subtract(openPrice);
        BigDecimal pnl = move.multiply(units());
        return side == Side.LONG ? pnl : pnl.negate();
    }

    public BigDecimal floatingPnl() {
        return unrealizedPnl().add(swap).subtract(fees);
    }

    public BigDecimal notional() {
        return units().multiply(markPrice);
    }

    public BigDecimal usedMargin() {
        if (usesIsolatedMargin()) {
            return isolatedMargin;
        }
        return Decimals.divide(notional(), leverage);
    }

    /**
     * True for an isolated position with its own margin; an isolated position without a margin counts as cross.
     * Not named isIsolated: a bean-style name would make JSON mappers write it as a field of a stored snapshot.
     */
    public boolean usesIsolatedMargin() {
        return marginMode == MarginMode.ISOLATED && isolatedMargin != null;
    }

    /**
     * Funding this position receives in one funding interval at the current rate and mark price, signed:
     * a positive rate makes longs pay shorts, so funding = -direction x notional x rate (0 without a rate).
     */
    public BigDecimal fundingPerInterval() {
        if (fundingRate == null) {
            return BigDecimal.ZERO;
        }
        return notional().multiply(fundingRate).multiply(BigDecimal.valueOf(-side.direction()));
    }

    /** The same position with another isolated margin: what is left of its isolated wallet after a partial liquidation. */
    public Position withIsolatedMargin(BigDecimal margin) {
        return new Position(positionId, symbol, assetClass, side, quantity, contractSize, openPrice, markPrice, leverage,
                swap, fees, openedAt, marginMode, margin, fundingRate);
    }

    /**
     * What is left of this position when {@code keptQuantity} (above 0, below its quantity) of it stays open: the quantity
     * is exact (a lot-size multiple), and accrued funding, fees owed and an isolated margin shrink in proportion.
     */
    public Position keepingQuantity(BigDecimal keptQuantity) {
        return keepingPart(keptQuantity, keptQuantity, quantity);
    }

    /**
     * What is left of this position when only {@code kept} out of {@code whole} (kept notional out of notional) stays
     * open after a partial liquidation: the quantity, and with it the accrued funding, the fees owed and an isolated
     * margin, shrink in proportion, because they belong to the position as a whole.
     */
    public Position keeping(BigDecimal kept, BigDecimal whole) {
        // Rounded towards zero: the kept notional never ends above the target (a bracket floor) by a rounding residue.
        return keepingPart(Decimals.divide(quantity.multiply(kept), whole, RoundingMode.DOWN), kept, whole);
    }

    /** Each figure times kept / whole in one division, so no rounded fraction is multiplied into a large figure. */
    private Position keepingPart(BigDecimal keptQuantity, BigDecimal kept, BigDecimal whole) {
        return new Position(positionId, symbol, assetClass, side, keptQuantity, contractSize, openPrice, markPrice,
                leverage, share(swap, kept, whole), share(fees, kept, whole), openedAt, marginMode,
                isolatedMargin == null ? null : share(isolatedMargin, kept, whole), fundingRate);
    }

    private static BigDecimal share(BigDecimal figure, BigDecimal kept, BigDecimal whole) {
        return figure.signum() == 0 ? figure : Decimals.divide(figure.multiply(kept), whole);
    }
}
