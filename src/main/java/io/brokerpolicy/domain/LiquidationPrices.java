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
        BigDecimal s = Decimals.fraction(stopOutLevel);
        BigDecimal gap = s.multiply(account.getUsedMargin()).subtract(account.getEquity());
        for (PositionState state : account.openPositions()) {
            prices.add(new LiquidationPrice(state.positionId(), priceFor(state, s, gap)));
        }
        return prices;
    }

    /**
     * p = m + (s·U - E) / (u·(d - s/L)), multiplied through by L so that the only division is the last one:
     * p = (m·u·(d·L - s) + (s·U - E)·L) / (u·(d·L - s)), taken straight to the reported scale towards the mark.
     */
    private static BigDecimal priceFor(PositionState state, BigDecimal s, BigDecimal gap) {
        Position p = state.getPosition();
        BigDecimal d = BigDecimal.valueOf(p.side().direction());
        boolean isolated = p.usesIsolatedMargin();
        BigDecimal denominator = state.units().multiply(isolated ? d : d.multiply(p.leverage()).subtract(s));
        if (denominator.signum() == 0) {
            return null;
        }
        BigDecimal numerator = p.markPrice().multiply(denominator).add(isolated ? gap : gap.multiply(p.leverage()));
        if (numerator.signum() * denominator.signum() <= 0) {
            return null;
        }
        int scale = Math.max(p.markPrice().scale(), 2);
        return Decimals.divideReported(numerator, denominator, scale,
                p.side() == Side.LONG ? RoundingMode.CEILING : RoundingMode.FLOOR);
    }
}
