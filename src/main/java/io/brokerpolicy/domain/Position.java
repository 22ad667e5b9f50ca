package io.brokerpolicy.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * One open position of an account snapshot, as the trading system reported it.
 *
 * <p>The arithmetic (domain.md, "Quantities"):
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

    public BigDecimal units() {
        return quantity.multiply(contractSize, Decimals.MC);
    }

    public BigDecimal unrealizedPnl() {
        return unrealizedPnlAt(markPrice);
    }

    /** The unrealized PnL this position would show at another mark price; used for liquidation prices. */
    public BigDecimal unrealizedPnlAt(BigDecimal price) {
        BigDecimal move = price.subtract(openPrice, Decimals.MC);
        BigDecimal pnl = move.multiply(units(), Decimals.MC);
        return side == Side.LONG ? pnl : pnl.negate();
    }

    public BigDecimal floatingPnl() {
        return unrealizedPnl().add(swap, Decimals.MC).subtract(fees, Decimals.MC);
    }

    public BigDecimal notional() {
        return units().multiply(markPrice, Decimals.MC);
    }

    public BigDecimal usedMargin() {
        if (marginMode == MarginMode.ISOLATED && isolatedMargin != null) {
            return isolatedMargin;
        }
        return notional().divide(leverage, Decimals.MC);
    }
}
