package io.brokerpolicy.domain;

import static io.brokerpolicy.domain.DomainFixtures.aPosition;
import static io.brokerpolicy.domain.DomainFixtures.d;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PositionArithmeticTest {

    @Test
    void units_areQuantityTimesContractSize() {
        assertThat(aPosition("p").lots("0.10", "100000").build().units()).isEqualByComparingTo("10000");
    }

    @Test
    void longPnl_isMarkMinusOpenTimesUnits() {
        Position p = aPosition("p").lots("0.10", "100000").open("1.1000").mark("1.0850").build();
        assertThat(p.unrealizedPnl()).isEqualByComparingTo("-150");
    }

    @Test
    void shortPnl_isOpenMinusMarkTimesUnits() {
        Position losing = aPosition("p").shortSide().lots("0.10", "100000").open("1.1000").mark("1.1150").build();
        Position winning = aPosition("p").shortSide().lots("2", "1").open("3000").mark("2950").build();
        assertThat(losing.unrealizedPnl()).isEqualByComparingTo("-150");
        assertThat(winning.unrealizedPnl()).isEqualByComparingTo("100");
    }

    @Test
    void floatingPnl_addsSwapAndSubtractsFees() {
        Position p = aPosition("p").lots("0.10", "100000").open("1.1000").mark("1.0850").swap("-1.20").fees("0.80").build();
        assertThat(p.floatingPnl()).isEqualByComparingTo("-152.00");
    }

    @Test
    void absentSwapAndFees_countAsZero() {
        Position p = aPosition("p").open("100").mark("90").build();
        assertThat(p.swap()).isEqualByComparingTo("0");
        assertThat(p.fees()).isEqualByComparingTo("0");
        assertThat(p.floatingPnl()).isEqualByComparingTo("-10");
    }

    @Test
    void notional_isUnitsTimesMark_andUsedMarginIsNotionalOverLeverage() {
        Position p = aPosition("p").lots("0.05", "100000").mark("1.2000").leverage("30").build();
        assertThat(p.notional()).isEqualByComparingTo("6000");
        assertThat(p.usedMargin()).isEqualByComparingTo("200");
    }

    @Test
    void usedMargin_isTakenToTenPlacesHalfEvenWhenTheDivisionDoesNotEnd() {
        Position p = aPosition("p").lots("0.10", "100000").mark("1.1150").leverage("30").build();
        assertThat(p.usedMargin()).isEqualByComparingTo("371.6666666667");
        assertThat(p.usedMargin().scale()).isEqualTo(Decimals.DIVISION_SCALE);
    }

    @Test
    void isolatedPosition_usesItsAssignedMargin() {
        Position p = aPosition("p").lots("1", "1").mark("60000").leverage("10").isolated("500").build();
        assertThat(p.usedMargin()).isEqualByComparingTo("500");
    }
}
