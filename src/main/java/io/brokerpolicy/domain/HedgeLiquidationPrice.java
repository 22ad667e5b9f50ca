package io.brokerpolicy.domain;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The liquidation price of a symbol held both LONG and SHORT in the cross pool (hedge mode), by the formula exchanges
 * publish (Binance USDⓈ-M liquidation-price FAQ): under cross margin both sides of a symbol share one price,
 * <pre>
 *   LP = (WB - TMM1 + UPNL1 + cumL + cumS - L x EPL + S x EPS) / (L x MMR_L + S x MMR_S - L + S)
 * </pre>
 * where TMM1 and UPNL1 are the maintenance margin and unrealized PnL of the cross positions of other symbols, L and S
 * the sizes (units) of the LONG and SHORT side, EPL and EPS their entry prices, and each side's MMR and cum (maintenance
 * amount) those of the bracket that side's notional lands in at LP. It is the price at which the cross pool's margin
 * balance equals its maintenance margin. Written as sums over the symbol's positions (cum_i, side_i x size_i x EP_i,
 * size_i x MMR_i, side_i x size_i) it also covers more than one position a side, and with one position it is the one-way
 * formula of {@link OneWayLiquidationPrice}. With a liquidation ratio r other than 100 %, TMM1, cum and MMR are divided by r.
 * (Isolated positions keep a price of their own per side: each is its own pool, see {@link OneWayLiquidationPrice}.)
 *
 * <p>Each side's bracket depends on the price, so the equation is solved piece by piece: between two prices at which
 * some side crosses a bracket boundary every bracket is fixed and the equation is linear. A piece's solution counts when
 * every side's notional at it is in the bracket it was solved with. The margin balance minus the maintenance margin is
 * concave in the price (rates rise with notional), so there are at most two such prices, one on each side of the mark
 * when the pool is not being liquidated; the one nearer the mark is reported, the price the market reaches first.
 * Divisions at {@link Decimals#DIVISION_SCALE} places.
 */
public final class HedgeLiquidationPrice {

    private static final BigDecimal TWO = BigDecimal.valueOf(2);

    /** A shared liquidation price (unrounded) and the bracket each position lands in there, by position id. */
    public record Found(BigDecimal price, Map<String, LeverageBracket> brackets) {
    }

    private HedgeLiquidationPrice() {
    }

    /**
     * @param walletBalance    the cross wallet balance with the accrued funding and fees owed of every open cross position
     * @param otherMaintenance the maintenance margin of the cross positions of other symbols
     * @param otherUnrealized  their unrealized PnL
     * @param group            the open cross positions of one symbol, with their bracket tables
     * @param ratio            the liquidation ratio as a fraction (1 for 100 %)
     * @return null when no positive price liquidates the pool
     */
    public static Found of(BigDecimal walletBalance, BigDecimal otherMaintenance, BigDecimal otherUnrealized,
                           List<PositionState> group, BigDecimal ratio) {
        BigDecimal fixed = walletBalance.subtract(Decimals.divide(otherMaintenance, ratio))
                .add(otherUnrealized);
        BigDecimal mark = group.get(0).getPosition().markPrice();
        Found best = null;
        for (BigDecimal probe : probes(group)) {
            Map<String, LeverageBracket> assumed = new LinkedHashMap<>();
            for (PositionState p : group) {
                assumed.put(p.positionId(), p.brackets().bracketFor(p.units().multiply(probe)));
            }
            BigDecimal price = solve(fixed, group, assumed, ratio);
            if (price == null || price.signum() <= 0 || !landsIn(group, assumed, price)) {
                continue;
            }
            if (best == null || distance(price, mark).compareTo(distance(best.price(), mark)) < 0) {
                best = new Found(price, Map.copyOf(assumed));
            }
        }
        return best;
    }

    /** One price inside every piece between consecutive bracket boundaries of any position, and one beyond the last. */
    private static List<BigDecimal> probes(List<PositionState> group) {
        TreeSet<BigDecimal> boundaries = new TreeSet<>();
        for (PositionState p : group) {
            BigDecimal units = p.units();
            for (LeverageBracket bracket : p.brackets().brackets()) {
                if (bracket.notionalCap() != null && units.signum() > 0) {
                    boundaries.add(Decimals.divide(bracket.notionalCap(), units));
                }
            }
        }
        List<BigDecimal> probes = new ArrayList<>();
        BigDecimal previous = BigDecimal.ZERO;
        for (BigDecimal boundary : boundaries) {
            probes.add(Decimals.divide(previous.add(boundary), TWO));
            previous = boundary;
        }
        probes.add(previous.signum() == 0 ? BigDecimal.ONE : previous.multiply(TWO));
        return probes;
    }

    /** The published formula with the assumed brackets; null when the denominator is zero. */
    private static BigDecimal solve(BigDecimal fixed, List<PositionState> group, Map<String, LeverageBracket> brackets,
                                    BigDecimal ratio) {
        BigDecimal numerator = fixed;
        BigDecimal denominator = BigDecimal.ZERO;
        for (PositionState p : group) {
            Position position = p.getPosition();
            LeverageBracket bracket = brackets.get(p.positionId());
            BigDecimal d = BigDecimal.valueOf(position.side().direction());
            BigDecimal size = position.units();
            numerator = numerator.add(Decimals.divide(bracket.maintenanceAmount(), ratio))
                    .subtract(d.multiply(size).multiply(position.openPrice()));
            denominator = denominator.add(Decimals.divide(size.multiply(bracket.rate()), ratio))
                    .subtract(d.multiply(size));
        }
        return denominator.signum() == 0 ? null : Decimals.divide(numerator, denominator);
    }


    private static boolean landsIn(List<PositionState> group, Map<String, LeverageBracket> brackets, BigDecimal price) {
        for (PositionState p : group) {
            LeverageBracket at = p.brackets().bracketFor(p.units().multiply(price));
            if (at.number() != brackets.get(p.positionId()).number()) {
                return false;
            }
        }
        return true;
    }

    private static BigDecimal distance(BigDecimal price, BigDecimal mark) {
        return price.subtract(mark).abs();
    }
}
