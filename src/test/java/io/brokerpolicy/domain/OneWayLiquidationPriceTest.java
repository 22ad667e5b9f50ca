package io.brokerpolicy.domain;

import static io.brokerpolicy.domain.ExchangeFixtures.account;
import static io.brokerpolicy.domain.ExchangeFixtures.btcTable;
import static io.brokerpolicy.domain.ExchangeFixtures.cross;
import static io.brokerpolicy.domain.ExchangeFixtures.d;
import static io.brokerpolicy.domain.ExchangeFixtures.isolated;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class OneWayLiquidationPriceTest {

    private static final LeverageBracket FIRST = btcTable().brackets().get(0);
    private static final LeverageBracket SECOND = btcTable().brackets().get(1);

    @Test
    void publishedFormula_longAloneInBracketOne() {
        // (WB - TMM + UPNL + cum - 1 x 1 x 50000) / (1 x 0.004 - 1) = (10000 - 50000) / -0.996
        BigDecimal price = OneWayLiquidationPrice.inBracket(d("10000"), d("0"), d("0"), Side.LONG, d("1"), d("50000"),
                FIRST, BigDecimal.ONE);
        assertThat(price).isEqualByComparingTo(Decimals.divide(d("-40000"), d("-0.996")));
    }

    @Test
    void publishedFormula_shortCountsOtherPositionsAndTheMaintenanceAmount() {
        // (1000 - 200 + (-100) + 50 + 2 x 60000) / (2 x 0.005 + 2) = 120750 / 2.01
        BigDecimal price = OneWayLiquidationPrice.inBracket(d("1000"), d("200"), d("-100"), Side.SHORT, d("2"), d("60000"),
                SECOND, BigDecimal.ONE);
        assertThat(price).isEqualByComparingTo(Decimals.divide(d("120750"), d("2.01")));
    }

    @Test
    void liquidationRatioBelowOne_liquidatesEarlier() {
        // r = 0.5: liquidated when margin balance = 2 x maintenance margin
        BigDecimal atHalf = OneWayLiquidationPrice.inBracket(d("10000"), d("0"), d("0"), Side.LONG, d("1"), d("50000"),
                FIRST, d("0.5"));
        // margin balance at that price equals 2 x maintenance margin there
        BigDecimal balance = d("10000").add(atHalf.subtract(d("50000")));
        assertThat(balance).isCloseTo(atHalf.multiply(d("0.004")).multiply(d("2")), within(d("1e-10")));
        assertThat(atHalf).isGreaterThan(OneWayLiquidationPrice.inBracket(d("10000"), d("0"), d("0"), Side.LONG,
                d("1"), d("50000"), FIRST, BigDecimal.ONE));
    }

    @Test
    void priceIsTakenInTheBracketItLandsIn_notTheCurrentOne() {
        // 1.2 BTC at 50000: notional 60000 is bracket 2; the liquidation price is far lower, in bracket 1.
        Position p = cross("p1", Side.LONG, "1.2", "50000", "50000", "100");
        OneWayLiquidationPrice.Bracketed found = OneWayLiquidationPrice.of(d("20000"), d("0"), d("0"), p, btcTable(),
                BigDecimal.ONE);
        assertThat(found.bracket().number()).isEqualTo(1);
        // (20000 - 1.2 x 50000) / (1.2 x 0.004 - 1.2) = -40000 / -1.1952 = 33467.2… (notional 40160.6, bracket 1)
        assertThat(found.price()).isEqualByComparingTo(Decimals.divide(d("-40000"), d("-1.1952")));
        BigDecimal inSecond = OneWayLiquidationPrice.inBracket(d("20000"), d("0"), d("0"), Side.LONG, d("1.2"),
                d("50000"), SECOND, BigDecimal.ONE);
        assertThat(btcTable().bracketFor(inSecond.multiply(d("1.2"))).number()).isEqualTo(1); // bracket 2 does not hold
    }

    @Test
    void aLongThatNoPositivePriceLiquidates_hasNoPrice() {
        Position p = cross("p1", Side.LONG, "0.1", "50000", "50000", "1");
        assertThat(OneWayLiquidationPrice.of(d("100000"), d("0"), d("0"), p, btcTable(), BigDecimal.ONE)).isNull();
    }

    @Test
    void all_isolatedUsesOnlyItsOwnMargin_crossUsesTheSharedWalletAndTheOthers() {
        MaintenanceMarginAccount account = account("5000",
                cross("c1", Side.LONG, "0.1", "60000", "60000", "10"),
                cross("c2", "ETHUSDT", Side.SHORT, "0.1", "60000", "60000", "10"),
                isolated("i1", Side.LONG, "0.1", "60000", "60000", "600"));
        List<OneWayLiquidationPrice.Result> prices = OneWayLiquidationPrice.all(account, d("100"));
        // i1: (600 - 6000) / (0.1 x 0.004 - 0.1) = 54216.867… rounded up
        assertThat(prices.get(2).price()).isEqualByComparingTo("54216.87");
        // c1: WB 4400, TMM of c2 24: (4400 - 24 - 6000) / (0.0004 - 0.1) = 16305.220… rounded up
        assertThat(prices.get(0).price()).isEqualByComparingTo("16305.23");
        // c2: (4400 - 24 + 6000) / (0.0004 + 0.1) = 103346.613… rounded down
        assertThat(prices.get(1).price()).isEqualByComparingTo("103346.61");
    }
}
