package io.brokerpolicy.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Liquidation prices under the exchange model, by the formula exchanges publish for one-way mode (Binance
 * USDⓈ-M, "BOTH" position):
 * <pre>
 *   LP = (WB - TMM + UPNL + cum - side x size x entry) / (size x MMR - side x size)
 * </pre>
 * WB is the wallet balance the position draws on, TMM and UPNL the maintenance margin and unrealized PnL of the
 * account's other positions, cum and MMR the maintenance amount and rate of the position's bracket, side +1 for
 * LONG and -1 for SHORT, size the position's units and entry its open price. It is the price at which margin
 * balance = maintenance margin, a margin ratio of 100%.
 *
 * <p>Here, with a liquidation ratio r (as a fraction, 1 for 100%), it is the price where margin balance =
 * maintenance margin / r, that is:
 * <pre>
 *   LP = (WB - TMM/r + UPNL + cum/r - side x size x entry) / (size x MMR/r - side x size)
 * </pre>
 * which is the published formula when r = 1. Accrued funding and fees owed do not move with the price, so they
 * are part of WB: for a cross position WB = cross wallet balance + funding - fees of every open cross position,
 * TMM and UPNL are those of the other open cross positions; for an isolated position WB = its isolated margin +
 * its funding - its fees, and TMM = UPNL = 0.
 *
 * <p>The bracket is the one the liquidation price lands in, not the one of the current price: each bracket's
 * price is computed and the one whose notional (size x price) falls in that same bracket is taken. Margin
 * balance and maintenance margin both move steadily with the price, so exactly one bracket agrees (two at a
 * boundary, giving the same price, where the lower is taken).
 */
public final class OneWayLiquidationPrice {

    /** A liquidation price (unrounded) and the bracket it lands in. */
    public record Bracketed(BigDecimal price, LeverageBracket bracket) {
    }

    private OneWayLiquidationPrice() {
    }

    /** The formula for one bracket; null when the denominator is zero (no price moves the ratio). */
    public static BigDecimal inBracket(BigDecimal walletBalance, BigDecimal otherMaintenance, BigDecimal otherUnrealized,
                                       Side side, BigDecimal size, BigDecimal entry, LeverageBracket bracket,
                                       BigDecimal ratio) {
        BigDecimal d = BigDecimal.valueOf(side.direction());
        BigDecimal numerator = walletBalance
                .subtract(perRatio(otherMaintenance, ratio), Decimals.MC)
                .add(otherUnrealized, Decimals.MC)
                .add(perRatio(bracket.maintenanceAmount(), ratio), Decimals.MC)
                .subtract(d.multiply(size, Decimals.MC).multiply(entry, Decimals.MC), Decimals.MC);
        BigDecimal denominator = perRatio(size.multiply(bracket.rate(), Decimals.MC), ratio)
                .subtract(d.multiply(size, Decimals.MC), Decimals.MC);
        if (denominator.signum() == 0) {
            return null;
        }
        return numerator.divide(denominator, Decimals.MC);
    }

    /** {@code value / ratio}; the common ratio of 1 (100 %) costs no division. */
    private static BigDecimal perRatio(BigDecimal value, BigDecimal ratio) {
        return ratio.compareTo(BigDecimal.ONE) == 0 ? value : value.divide(ratio, Decimals.MC);
    }

    /** The liquidation price and its bracket, or null when no positive price liquidates the position. */
    public static Bracketed of(BigDecimal walletBalance, BigDecimal otherMaintenance, BigDecimal otherUnrealized,
                               Position position, LeverageBracketTable table, BigDecimal ratio) {
        BigDecimal size = position.units();
        for (LeverageBracket bracket : table.brackets()) {
            BigDecimal price = inBracket(walletBalance, otherMaintenance, otherUnrealized, position.side(), size,
                    position.openPrice(), bracket, ratio);
            if (price != null && price.signum() > 0
                    && table.bracketFor(size.multiply(price, Decimals.MC)).number() == bracket.number()) {
                return new Bracketed(price, bracket);
            }
        }
        return null;
    }

    /**
     * The liquidation price of every open position of the account, in the order of the snapshot, for a
     * liquidation ratio in %. Rounded towards the mark price (up for LONG, down for SHORT) to the mark price's
     * decimals (at least 2): a trader is never told there is more room than there is. Cross positions of a symbol held
     * LONG and SHORT at once (hedge mode) share one price, {@link HedgeLiquidationPrice}; every isolated position has
     * its own, per side.
     */
    public static List<Result> all(MaintenanceMarginAccount account, BigDecimal liquidationRatioPercent) {
        BigDecimal r = liquidationRatioPercent.divide(Decimals.HUNDRED, Decimals.MC);
        List<PositionState> cross = account.openCross();
        BigDecimal crossWallet = account.getCrossWalletBalance();
        BigDecimal crossMaintenance = BigDecimal.ZERO;
        BigDecimal crossUnrealized = BigDecimal.ZERO;
        Map<String, List<PositionState>> bySymbol = new LinkedHashMap<>();
        for (PositionState p : cross) {
            crossWallet = crossWallet.add(p.getPosition().swap(), Decimals.MC).subtract(p.getPosition().fees(), Decimals.MC);
            crossMaintenance = crossMaintenance.add(p.maintenanceMargin(), Decimals.MC);
            crossUnrealized = crossUnrealized.add(p.getPosition().unrealizedPnl(), Decimals.MC);
            bySymbol.computeIfAbsent(p.symbol() == null ? "\u0000" + p.positionId() : p.symbol(), k -> new ArrayList<>()).add(p);
        }
        Map<String, Result> hedged = new HashMap<>();
        for (List<PositionState> group : bySymbol.values()) {
            if (group.size() > 1) {
                BigDecimal groupMaintenance = BigDecimal.ZERO;
                BigDecimal groupUnrealized = BigDecimal.ZERO;
                for (PositionState p : group) {
                    groupMaintenance = groupMaintenance.add(p.maintenanceMargin(), Decimals.MC);
                    groupUnrealized = groupUnrealized.add(p.getPosition().unrealizedPnl(), Decimals.MC);
                }
                HedgeLiquidationPrice.Found found = HedgeLiquidationPrice.of(crossWallet,
                        crossMaintenance.subtract(groupMaintenance, Decimals.MC),
                        crossUnrealized.subtract(groupUnrealized, Decimals.MC), group, r);
                for (PositionState p : group) {
                    hedged.put(p.positionId(), found == null ? new Result(p.positionId(), null, null)
                            : new Result(p.positionId(), towardsMark(found.price(), p.getPosition()),
                                    found.brackets().get(p.positionId()).number()));
                }
            }
        }
        List<Result> results = new ArrayList<>();
        for (PositionState p : account.account().openPositions()) {
            Result shared = hedged.get(p.positionId());
            if (shared != null) {
                results.add(shared);
                continue;
            }
            Position position = p.getPosition();
            Bracketed found = p.isIsolated()
                    ? of(position.isolatedMargin().add(position.swap(), Decimals.MC).subtract(position.fees(), Decimals.MC),
                            BigDecimal.ZERO, BigDecimal.ZERO, position, p.brackets(), r)
                    : of(crossWallet, crossMaintenance.subtract(p.maintenanceMargin(), Decimals.MC),
                            crossUnrealized.subtract(position.unrealizedPnl(), Decimals.MC), position, p.brackets(), r);
            results.add(found == null ? new Result(p.positionId(), null, null)
                    : new Result(p.positionId(), rounded(found.price(), position), found.bracket().number()));
        }
        return results;
    }

    /** A reported liquidation price (null when there is none) and the bracket it lands in. */
    public record Result(String positionId, BigDecimal price, Integer bracket) {
    }

    /** A shared price is rounded towards the mark whichever side it is on: it may be below the mark for a SHORT. */
    private static BigDecimal towardsMark(BigDecimal price, Position position) {
        int scale = Math.max(position.markPrice().scale(), 2);
        return price.setScale(scale, price.compareTo(position.markPrice()) < 0 ? RoundingMode.CEILING : RoundingMode.FLOOR);
    }

    private static BigDecimal rounded(BigDecimal price, Position position) {
        int scale = Math.max(position.markPrice().scale(), 2);
        return price.setScale(scale, position.side() == Side.LONG ? RoundingMode.CEILING : RoundingMode.FLOOR);
    }
}
