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

    /**
     * A liquidation price and the bracket it lands in; the price is {@code numerator / denominator}, kept so that the
     * reported price is the exact quotient rounded once.
     */
    public record Bracketed(BigDecimal price, LeverageBracket bracket, BigDecimal numerator, BigDecimal denominator) {
    }

    private OneWayLiquidationPrice() {
    }

    /** The formula for one bracket at {@link Decimals#DIVISION_SCALE} places; null when the denominator is zero. */
    public static BigDecimal inBracket(BigDecimal walletBalance, BigDecimal otherMaintenance, BigDecimal otherUnrealized,
                                       Side side, BigDecimal size, BigDecimal entry, LeverageBracket bracket,
                                       BigDecimal ratio) {
        Quotient q = quotient(walletBalance, otherMaintenance, otherUnrealized, side, size, entry, bracket, ratio);
        return q == null ? null : Decimals.divide(q.numerator(), q.denominator());
    }

    /**
     * The formula multiplied through by r, so that its only division is the last one:
     * (r x (WB + UPNL - side x size x entry) - TMM + cum) / (size x MMR - r x side x size). Null when the denominator is zero.
     */
    private static Quotient quotient(BigDecimal walletBalance, BigDecimal otherMaintenance, BigDecimal otherUnrealized,
                                    Side side, BigDecimal size, BigDecimal entry, LeverageBracket bracket,
                                    BigDecimal ratio) {
        BigDecimal directedSize = size.multiply(BigDecimal.valueOf(side.direction()));
        BigDecimal numerator = ratio.multiply(walletBalance.add(otherUnrealized).subtract(directedSize.multiply(entry)))
                .subtract(otherMaintenance)
                .add(bracket.maintenanceAmount());
        BigDecimal denominator = size.multiply(bracket.rate()).subtract(ratio.multiply(directedSize));
        return denominator.signum() == 0 ? null : new Quotient(numerator, denominator);
    }

    private record Quotient(BigDecimal numerator, BigDecimal denominator) {
    }


    /** The liquidation price and its bracket, or null when no positive price liquidates the position. */
    public static Bracketed of(BigDecimal walletBalance, BigDecimal otherMaintenance, BigDecimal otherUnrealized,
                               Position position, LeverageBracketTable table, BigDecimal ratio) {
        BigDecimal size = position.units();
        for (LeverageBracket bracket : table.brackets()) {
            Quotient q = quotient(walletBalance, otherMaintenance, otherUnrealized, position.side(), size,
                    position.openPrice(), bracket, ratio);
            if (q == null) {
                continue;
            }
            BigDecimal price = Decimals.divide(q.numerator(), q.denominator());
            if (price.signum() > 0 && table.bracketFor(size.multiply(price)).number() == bracket.number()) {
                return new Bracketed(price, bracket, q.numerator(), q.denominator());
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
        BigDecimal r = Decimals.fraction(liquidationRatioPercent);
        List<PositionState> cross = account.openCross();
        BigDecimal crossWallet = account.getCrossWalletBalance();
        BigDecimal crossMaintenance = BigDecimal.ZERO;
        BigDecimal crossUnrealized = BigDecimal.ZERO;
        Map<String, List<PositionState>> bySymbol = new LinkedHashMap<>();
        for (PositionState p : cross) {
            crossWallet = crossWallet.add(p.getPosition().swap()).subtract(p.getPosition().fees());
            crossMaintenance = crossMaintenance.add(p.maintenanceMargin());
            crossUnrealized = crossUnrealized.add(p.getPosition().unrealizedPnl());
            bySymbol.computeIfAbsent(p.symbol() == null ? "\u0000" + p.positionId() : p.symbol(), k -> new ArrayList<>()).add(p);
        }
        Map<String, Result> hedged = new HashMap<>();
        for (List<PositionState> group : bySymbol.values()) {
            if (group.size() > 1) {
                BigDecimal groupMaintenance = BigDecimal.ZERO;
                BigDecimal groupUnrealized = BigDecimal.ZERO;
                for (PositionState p : group) {
                    groupMaintenance = groupMaintenance.add(p.maintenanceMargin());
                    groupUnrealized = groupUnrealized.add(p.getPosition().unrealizedPnl());
                }
                HedgeLiquidationPrice.Found found = HedgeLiquidationPrice.of(crossWallet,
                        crossMaintenance.subtract(groupMaintenance),
                        crossUnrealized.subtract(groupUnrealized), group, r);
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
                    ? of(position.isolatedMargin().add(position.swap()).subtract(position.fees()),
                            BigDecimal.ZERO, BigDecimal.ZERO, position, p.brackets(), r)
                    : of(crossWallet, crossMaintenance.subtract(p.maintenanceMargin()),
                            crossUnrealized.subtract(position.unrealizedPnl()), position, p.brackets(), r);
            results.add(found == null ? new Result(p.positionId(), null, null)
                    : new Result(p.positionId(), rounded(found, position), found.bracket().number()));
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

    private static BigDecimal rounded(Bracketed found, Position position) {
        int scale = Math.max(position.markPrice().scale(), 2);
        return Decimals.divideReported(found.numerator(), found.denominator(), scale,
                position.side() == Side.LONG ? RoundingMode.CEILING : RoundingMode.FLOOR);
    }
}
