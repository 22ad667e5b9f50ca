package io.brokerpolicy.domain;

import static io.brokerpolicy.domain.ExchangeFixtures.d;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MarginRatioTest {

    @Test
    void ratio_isMaintenanceOverBalanceInPercent() {
        assertThat(MarginRatio.percent(d("1700"), d("1000"))).isEqualByComparingTo("170");
    }

    @Test
    void ratio_isUndefinedWithoutMaintenanceOrWithoutBalance() {
        assertThat(MarginRatio.percent(d("0"), d("1000"))).isNull();
        assertThat(MarginRatio.percent(d("10"), d("0"))).isNull();
        assertThat(MarginRatio.percent(d("10"), d("-5"))).isNull();
    }

    @Test
    void atOrAbove_countsTheThresholdItself_andAnExhaustedBalance() {
        assertThat(MarginRatio.atOrAbove(d("100"), d("100"), d("100"))).isTrue();
        assertThat(MarginRatio.atOrAbove(d("99.99"), d("100"), d("100"))).isFalse();
        assertThat(MarginRatio.atOrAbove(d("10"), d("-1"), d("100"))).isTrue();
        assertThat(MarginRatio.atOrAbove(d("0"), d("-1"), d("100"))).isFalse();
    }

    @Test
    void balanceAt_isTheBalanceWhereTheRatioReachesTheThreshold() {
        assertThat(MarginRatio.balanceAt(d("250"), d("80"))).isEqualByComparingTo("312.5");
    }
}
