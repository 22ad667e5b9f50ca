package io.brokerpolicy.domain;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Percent moves of mark prices for a stress test, by symbol or by instrument class. A position's mark moves by
 * its symbol's shock when there is one (the more specific), else by its class's, else not at all:
 * <pre>
 *   shocked mark = mark x (100 + move) / 100
 * </pre>
 * exactly (a move is a decimal with few places, and dividing by 100 only shifts the decimal point). Open prices,
 * balances and funding stay as they are, so the shock is a price move and nothing else. A move is above -100 (a
 * mark of zero or below means nothing).
 */
public record PriceShocks(Map<String, BigDecimal> bySymbol, Map<AssetClass, BigDecimal> byAssetClass) {

    private static final BigDecimal MINUS_HUNDRED = BigDecimal.valueOf(-100);

    public PriceShocks {
        bySymbol = Map.copyOf(bySymbol);
        byAssetClass = byAssetClass.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(byAssetClass));
        for (BigDecimal move : bySymbol.values()) {
            requireAboveMinusHundred(move);
        }
        for (BigDecimal move : byAssetClass.values()) {
            requireAboveMinusHundred(move);
        }
    }

    private static void requireAboveMinusHundred(BigDecimal move) {
        if (move.compareTo(MINUS_HUNDRED) <= 0) {
            throw new IllegalArgumentException("a price move must be above -100 %, not " + move.toPlainString());
        }
    }

    /** The move in % that applies to the position, or null when none does. */
    public BigDecimal moveFor(Position position) {
        BigDecimal bySymbolMove = position.symbol() == null ? null : bySymbol.get(position.symbol());
        return bySymbolMove != null ? bySymbolMove : byAssetClass.get(position.assetClass());
    }

    /** The snapshot with every shocked position's mark moved; the same snapshot when no shock applies to it. */
    public AccountSnapshot apply(AccountSnapshot snapshot) {
        List<Position> positions = new ArrayList<>(snapshot.positions().size());
        boolean moved = false;
        for (Position p : snapshot.positions()) {
            BigDecimal move = moveFor(p);
            if (move == null || move.signum() == 0) {
                positions.add(p);
                continue;
            }
            moved = true;
            // Exact; as many decimals as it needs, never fewer than the mark had (prices are reported to them).
            BigDecimal mark = Decimals.plain(p.markPrice().multiply(Decimals.HUNDRED.add(move)).movePointLeft(2));
            if (mark.scale() < p.markPrice().scale()) {
                mark = mark.setScale(p.markPrice().scale());
            }
            positions.add(new Position(p.positionId(), p.symbol(), p.assetClass(), p.side(), p.quantity(), p.contractSize(),
                    p.openPrice(), mark, p.leverage(), p.swap(), p.fees(), p.openedAt(), p.marginMode(),
                    p.isolatedMargin(), p.fundingRate()));
        }
        if (!moved) {
            return snapshot;
        }
        return new AccountSnapshot(snapshot.snapshotId(), snapshot.accountId(), snapshot.brokerId(), snapshot.accountType(),
                snapshot.kycTier(), snapshot.jurisdiction(), snapshot.clientCategory(), snapshot.currency(),
                snapshot.accountOpenedAt(), snapshot.asOf(), snapshot.balance(), positions);
    }

    /** The shocks as a risk team wrote them: symbols by name, classes as {@code assetClass:NAME}, sorted. */
    public Map<String, BigDecimal> asWritten() {
        Map<String, BigDecimal> written = new TreeMap<>();
        bySymbol.forEach((symbol, move) -> written.put(symbol.contains(":") ? "symbol:" + symbol : symbol, move));
        byAssetClass.forEach((cls, move) -> written.put("assetClass:" + cls.name(), move));
        return written;
    }
}
