package io.brokerpolicy.domain;

import static io.brokerpolicy.domain.ExchangeFixtures.btcTable;
import static io.brokerpolicy.domain.ExchangeFixtures.d;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LeverageBracketTest {

    @Test
    void maintenanceMargin_isNotionalTimesRateLessAmount() {
        LeverageBracket third = btcTable().brackets().get(2);
        assertThat(third.maintenanceMargin(d("300000"))).isEqualByComparingTo("1700"); // 300000 x 1% - 1300
    }

    @Test
    void capBelongsToTheLowerBracket_floorToTheHigher() {
        LeverageBracketTable table = btcTable();
        assertThat(table.bracketFor(d("0")).number()).isEqualTo(1);
        assertThat(table.bracketFor(d("50000")).number()).isEqualTo(1);
        assertThat(table.bracketFor(d("50000.01")).number()).isEqualTo(2);
        assertThat(table.bracketFor(d("250000")).number()).isEqualTo(2);
    }

    @Test
    void notionalAboveTheTopCapOrInAnOpenTopBracket_usesTheTopBracket() {
        assertThat(btcTable().bracketFor(d("99000000")).number()).isEqualTo(4);
    }

    @Test
    void maintenanceAmounts_keepTheMarginContinuousAtEveryBoundary() {
        LeverageBracketTable table = btcTable();
        for (int i = 1; i < table.brackets().size(); i++) {
            LeverageBracket lower = table.brackets().get(i - 1);
            LeverageBracket upper = table.brackets().get(i);
            assertThat(upper.maintenanceMargin(upper.notionalFloor()))
                    .isEqualByComparingTo(lower.maintenanceMargin(upper.notionalFloor()));
        }
    }
}
