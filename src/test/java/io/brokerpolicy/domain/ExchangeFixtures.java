package io.brokerpolicy.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** Test data builders for the exchange model: nova-crypto's default bracket table and simple positions. */
final class ExchangeFixtures {

    static final Instant AS_OF = Instant.parse("2026-11-21T14:03:11Z");

    private ExchangeFixtures() {
    }

    static BigDecimal d(String value) {
        return new BigDecimal(value);
    }

    static LeverageBracketTable btcTable() {
        return new LeverageBracketTable("default", List.of(
                new LeverageBracket(1, d("0"), d("50000"), d("125"), d("0.40"), d("0")),
                new LeverageBracket(2, d("50000"), d("250000"), d("100"), d("0.50"), d("50")),
                new LeverageBracket(3, d("250000"), d("1000000"), d("50"), d("1.00"), d("1300")),
                new LeverageBracket(4, d("1000000"), null, d("20"), d("2.50"), d("16300"))));
    }

    static Position cross(String id, Side side, String quantity, String open, String mark, String leverage) {
        return cross(id, "BTCUSDT", side, quantity, open, mark, leverage);
    }

    static Position cross(String id, String symbol, Side side, String quantity, String open, String mark, String leverage) {
        return new Position(id, symbol, AssetClass.CRYPTO, side, d(quantity), BigDecimal.ONE, d(open), d(mark),
                d(leverage), null, null, AS_OF, MarginMode.CROSS, null, null);
    }

    static Position isolated(String id, Side side, String quantity, String open, String mark, String margin) {
        return new Position(id, "BTCUSDT", AssetClass.CRYPTO, side, d(quantity), BigDecimal.ONE, d(open), d(mark),
                d("10"), null, null, AS_OF, MarginMode.ISOLATED, d(margin), null);
    }

    static MaintenanceMarginAccount account(String balance, Position... positions) {
        return account(balance, "0", null, positions);
    }

    /** With a liquidation fee in % and a lot size (null: none) for every symbol. */
    static MaintenanceMarginAccount account(String balance, String feePercent, String quantityStep, Position... positions) {
        AccountSnapshot snapshot = new AccountSnapshot("s", "A", "nova-crypto", "standard", "FULL", "SC",
                ClientCategory.RETAIL, "USDT", null, AS_OF, d(balance), List.of(positions));
        List<PositionState> states = snapshot.positions().stream()
                .map(p -> new PositionState(p, null, btcTable(), quantityStep == null ? null : d(quantityStep))).toList();
        return new MaintenanceMarginAccount(new MarginAccount(snapshot, states), d(feePercent));
    }
}
