package io.brokerpolicy.domain;

import static io.brokerpolicy.domain.ExchangeFixtures.d;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class FundingProjectorTest {

    @Test
    void positiveRate_longPays_shortReceives() {
        Position lng = withRate(Side.LONG, "0.0005");
        Position shrt = withRate(Side.SHORT, "0.0005");
        assertThat(lng.fundingPerInterval()).isEqualByComparingTo("-30"); // 60000 x 0.0005
        assertThat(shrt.fundingPerInterval()).isEqualByComparingTo("30");
        assertThat(withRate(Side.LONG, null).fundingPerInterval()).isEqualByComparingTo("0");
    }

    @Test
    void intervalsUntil_roundsUpToWholeIntervals() {
        // (984 - 312.5) / 30 = 22.38 -> 23
        assertThat(FundingProjector.intervalsUntil(d("984"), d("312.5"), d("-30"))).isEqualTo(BigInteger.valueOf(23));
        // exactly divisible: (100 - 40) / 30 = 2
        assertThat(FundingProjector.intervalsUntil(d("100"), d("40"), d("-30"))).isEqualTo(BigInteger.TWO);
    }

    @Test
    void intervalsUntil_isZeroWhenAlreadyThere_andNoneWhenFundingDoesNotDrain() {
        assertThat(FundingProjector.intervalsUntil(d("300"), d("312.5"), d("-30"))).isEqualTo(BigInteger.ZERO);
        assertThat(FundingProjector.intervalsUntil(d("984"), d("312.5"), d("3"))).isNull();
        assertThat(FundingProjector.intervalsUntil(d("984"), d("312.5"), BigDecimal.ZERO)).isNull();
    }

    private static Position withRate(Side side, String rate) {
        return new Position("p", "BTCUSDT", AssetClass.CRYPTO, side, d("1"), BigDecimal.ONE, d("60000"), d("60000"),
                d("10"), null, null, null, MarginMode.CROSS, null, rate == null ? null : d(rate));
    }
}
