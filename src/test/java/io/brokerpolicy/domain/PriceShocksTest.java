package io.brokerpolicy.domain;

import static io.brokerpolicy.domain.ExchangeFixtures.cross;
import static io.brokerpolicy.domain.ExchangeFixtures.d;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PriceShocksTest {

    private static AccountSnapshot snapshot(Position... positions) {
        return new AccountSnapshot("s", "A", "b", "standard", null, "SC", ClientCategory.RETAIL, "USDT", null,
                Instant.parse("2026-11-21T14:03:11Z"), d("1000"), List.of(positions));
    }

    private static Position fx(String id, String symbol, String mark) {
        return new Position(id, symbol, AssetClass.FX_MAJOR, Side.LONG, d("1"), d("100000"), d("1.1000"), d(mark),
                d("30"), null, null, null, MarginMode.CROSS, null, null);
    }

    @Test
    void aSymbolsShock_overridesItsClass_andOtherPositionsKeepTheirMark() {
        PriceShocks shocks = new PriceShocks(Map.of("BTCUSDT", d("-20")), Map.of(AssetClass.CRYPTO, d("-10")));
        AccountSnapshot shocked = shocks.apply(snapshot(cross("b", Side.LONG, "1", "60000", "60000", "10"),
                cross("e", "ETHUSDT", Side.LONG, "1", "3000", "3000", "10"), fx("f", "EURUSD", "1.0850")));
        assertThat(shocked.positions()).extracting(Position::markPrice)
                .containsExactly(d("48000"), d("2700"), d("1.0850"));
        assertThat(shocked.positions().get(0).openPrice()).isEqualByComparingTo("60000");
    }

    @Test
    void theShockedMarkIsExact_andKeepsAtLeastTheMarksDecimals() {
        PriceShocks shocks = new PriceShocks(Map.of(), Map.of(AssetClass.FX_MAJOR, d("3")));
        Position p = shocks.apply(snapshot(fx("f", "EURUSD", "1.0850"))).positions().get(0);
        assertThat(p.markPrice().toPlainString()).isEqualTo("1.11755"); // 1.0850 x 1.03
        Position round = shocks.apply(snapshot(fx("g", "EURUSD", "1.1000"))).positions().get(0);
        assertThat(round.markPrice().toPlainString()).isEqualTo("1.1330");
    }

    @Test
    void aSnapshotNoShockTouches_isReturnedAsItIs() {
        AccountSnapshot snapshot = snapshot(fx("f", "EURUSD", "1.0850"));
        assertThat(new PriceShocks(Map.of("BTCUSDT", d("-20")), Map.of()).apply(snapshot)).isSameAs(snapshot);
    }

    @Test
    void aMoveOfMinus100OrBelow_isRefused() {
        assertThatThrownBy(() -> new PriceShocks(Map.of("BTCUSDT", d("-100")), Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new PriceShocks(Map.of("BTCUSDT", new BigDecimal("-99.99")), Map.of()).asWritten())
                .containsEntry("BTCUSDT", new BigDecimal("-99.99"));
    }
}
