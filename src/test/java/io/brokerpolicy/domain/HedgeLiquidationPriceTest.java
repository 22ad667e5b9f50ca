package io.brokerpolicy.domain;

import static io.brokerpolicy.domain.ExchangeFixtures.account;
import static io.brokerpolicy.domain.ExchangeFixtures.cross;
import static io.brokerpolicy.domain.ExchangeFixtures.d;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Hedge mode: a LONG and a SHORT of one symbol at once. Checked against Binance's published figures (the futures API's
 * positionRisk example) and the cross formula of its liquidation-price FAQ worked by hand.
 */
class HedgeLiquidationPriceTest {

    private static Position isolated(String id, Side side, String quantity, String entry, String wallet) {
        return new Position(id, "BTCUSDT", AssetClass.CRYPTO, side, d(quantity), BigDecimal.ONE, d(entry),
                d("6679.50671178"), d("10"), null, null, null, MarginMode.ISOLATED, d(wallet), null);
    }

    /**
     * GET /fapi/v2/positionRisk, hedge mode: LONG 20 at 6563.665, isolatedMargin 15517.54150468 with an unrealized PnL
     * of 2316.83423560 (an isolated wallet of 13200.70726908), liquidation price 5930.78; SHORT 10, isolatedMargin
     * 5413.95799991 with an unrealized PnL of -1156.46711780 (wallet 6570.42511771, entry 6563.86 from that PnL at the
     * mark 6679.50671178), liquidation price 7189.95. Both notionals at those prices are in bracket 2 (0.50 %, 50).
     */
    @Test
    void isolatedSides_eachHaveTheirOwnPrice_asInBinancesPositionRiskExample() {
        MaintenanceMarginAccount account = account("100000",
                isolated("long", Side.LONG, "20", "6563.665", "13200.70726908"),
                isolated("short", Side.SHORT, "10", "6563.86", "6570.42511771"));
        assertThat(account.openIsolated().get(0).getPosition().unrealizedPnl()).isEqualByComparingTo("2316.8342356");
        assertThat(account.openIsolated().get(1).getPosition().unrealizedPnl()).isEqualByComparingTo("-1156.4671178");
        List<OneWayLiquidationPrice.Result> prices = OneWayLiquidationPrice.all(account, d("100"));
        assertThat(prices.get(0).price().setScale(2, RoundingMode.HALF_EVEN)).isEqualByComparingTo("5930.78");
        assertThat(prices.get(1).price().setScale(2, RoundingMode.HALF_EVEN)).isEqualByComparingTo("7189.95");
        assertThat(prices).extracting(OneWayLiquidationPrice.Result::bracket).containsExactly(2, 2);
    }

    @Test
    void crossSidesOfOneSymbol_shareOnePrice() {
        // LP = (WB + cumL + cumS - L x EPL + S x EPS) / (L x MMR_L + S x MMR_S - L + S)
        //    = (4400 + 0 + 0 - 0.3 x 60000 + 0.1 x 60000) / (0.3 x 0.004 + 0.1 x 0.004 - 0.3 + 0.1)
        //    = -7600 / -0.1984 = 38306.4516…, both notionals in bracket 1; below the mark, so rounded up.
        MaintenanceMarginAccount account = account("4400",
                cross("l", Side.LONG, "0.3", "60000", "60000", "20"),
                cross("s", Side.SHORT, "0.1", "60000", "60000", "20"),
                cross("other", "ETHUSDT", Side.LONG, "1", "3000", "3000", "20"));
        List<OneWayLiquidationPrice.Result> prices = OneWayLiquidationPrice.all(account, d("100"));
        // ETH's maintenance margin (3000 x 0.4 % = 12) is TMM1: (4400 - 12 - 12000) / -0.1984 = 38366.93…
        assertThat(prices.get(0).price()).isEqualByComparingTo("38366.94");
        assertThat(prices.get(1).price()).isEqualByComparingTo("38366.94");
        MaintenanceMarginAccount alone = account("4400",
                cross("l", Side.LONG, "0.3", "60000", "60000", "20"),
                cross("s", Side.SHORT, "0.1", "60000", "60000", "20"));
        assertThat(OneWayLiquidationPrice.all(alone, d("100"))).extracting(OneWayLiquidationPrice.Result::price)
                .containsExactly(d("38306.46"), d("38306.46"));
    }

    @Test
    void aFullyHedgedSymbol_isLiquidatedOnlyWhenItsMaintenanceMarginOutgrowsTheBalance() {
        // L = S: the PnL cancels, only the maintenance margin moves. Bracket 3 for both sides (1 %, 1300):
        // (4400 + 1300 + 1300) / (0.1 x 0.01 x 2) = 3 500 000, notional 350 000 each: consistent. Above the mark: down.
        MaintenanceMarginAccount account = account("4400",
                cross("l", Side.LONG, "0.1", "60000", "60000", "20"),
                cross("s", Side.SHORT, "0.1", "60000", "60000", "20"));
        List<OneWayLiquidationPrice.Result> prices = OneWayLiquidationPrice.all(account, d("100"));
        assertThat(prices).extracting(OneWayLiquidationPrice.Result::price).containsExactly(d("3500000.00"), d("3500000.00"));
        assertThat(prices).extracting(OneWayLiquidationPrice.Result::bracket).containsExactly(3, 3);
    }

    @Test
    void theSharedPrice_bringsThePoolsMarginBalanceToItsMaintenanceMargin() {
        MaintenanceMarginAccount account = account("4400",
                cross("l", Side.LONG, "0.3", "60000", "60000", "20"),
                cross("s", Side.SHORT, "0.1", "60000", "60000", "20"));
        HedgeLiquidationPrice.Found found = HedgeLiquidationPrice.of(d("4400"), BigDecimal.ZERO, BigDecimal.ZERO,
                account.openCross(), BigDecimal.ONE);
        BigDecimal p = found.price();
        BigDecimal balance = d("4400").add(p.subtract(d("60000")).multiply(d("0.3"))).subtract(p.subtract(d("60000")).multiply(d("0.1")));
        BigDecimal maintenance = p.multiply(d("0.4")).multiply(d("0.004"));
        assertThat(balance.subtract(maintenance).abs()).isLessThan(d("0.000001"));
    }
}
