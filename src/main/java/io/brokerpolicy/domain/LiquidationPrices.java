package io.brokerpolicy.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Liquidation price of each open position: the mark price p at which the account's margin level would
 * reach the stop-out level s (as a fraction), every other price unchanged.
 *
 * <p>With E the account equity, U its used margin, u the position's units, d its direction (+1 LONG,
 * -1 SHORT), L its leverage and m its mark price, moving the mark by x changes equity by d·u·x and used
 * margin by u·x/L. Solving E + d·u·x = s·(U + u·x/L) gives x = (s·U - E) / (u·(d - s/L)) and p = m + x.
 * An isolated position's margin does not move with the price, so there x = (s·U - E) / (d·u).
 *
 * <p>The price is rounded towards the mark price (up for LONG, down for SHORT): the reported price is
 * never beyond the true one, so a trader is never told there is more room than there is.
 * A LONG whose price would have to fall to zero or below has no liquidation price (null).
 */
public final class LiquidationPrices {

    private LiquidationPrices() {
    }

    public static List<LiquidationPrice> of(MarginAccount account, BigDecimal stopOutLevel) {
        List<LiquidationPrice> prices = new ArrayList<>();
        BigDecimal s = stopOutLevel.divide(Decimals.HUNDRED, Decimals.MC);
        BigDecimal gap = s.multiply(account.getUsedMargin(), Decimals.MC).subtract(account.getEquity(), Decimals.MC);
        for (PositionState state : account.openPositions()) {
            prices.add(new LiquidationPrice(state.positionId(), priceFor(state.getPosition(), s, gap)));
        }
        return prices;
    }

    private static BigDecimal priceFor(Position p, BigDecimal s, BigDecimal gap) {
        BigDecimal d = BigDecimal.valueOf(p.side().direction());
        BigDecimal slope = p.marginMode() == MarginMode.ISOLATED && p.isolatedMargin() != null
                ? d
                : d.subtract(s.divide(p.leverage(), Decimals.MC), Decimals.MC);
        BigDecimal denominator = p.units().multiply(slope, Decimals.MC);
        if (denominator.signum() == 0) {
            return null;
        }
        BigDecimal price = p.markPrice().add(gap.divide(denominator, Decimals.MC), Decimals.MC);
        if (price.signum() <= 0) {
            return null;
        }
        int scale = Math.max(p.markPrice().scale(), 2);
        return price.setScale(scale, p.side() == Side.LONG ? RoundingMode.CEILING : RoundingMode.FLOOR);
    }
}
