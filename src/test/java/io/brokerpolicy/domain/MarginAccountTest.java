package io.brokerpolicy.domain;

import static io.brokerpolicy.domain.DomainFixtures.aPosition;
import static io.brokerpolicy.domain.DomainFixtures.aSnapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MarginAccountTest {

    /** docs/domain.md's worked example: balance 1000, floating -150, used margin 200. */
    private static DomainFixtures.SnapshotBuilder seedExample(String balance) {
        return aSnapshot().balance(balance)
                .with(aPosition("p1").lots("0.05", "100000").open("1.2300").mark("1.2000").leverage("30"));
    }

    @Test
    void seedExample_equity850_marginLevel425() {
        MarginAccount account = seedExample("1000").account();
        assertThat(account.getEquity()).isEqualByComparingTo("850");
        assertThat(account.getUsedMargin()).isEqualByComparingTo("200");
        assertThat(account.figures().freeMargin()).isEqualByComparingTo("650");
        assertThat(account.getMarginLevel()).isEqualByComparingTo("425");
    }

    @Test
    void seedExample_equity200_is100Percent_equity100_is50Percent() {
        assertThat(seedExample("350").account().getMarginLevel()).isEqualByComparingTo("100");
        assertThat(seedExample("250").account().getMarginLevel()).isEqualByComparingTo("50");
    }

    @Test
    void noPositions_marginLevelIsUndefined_notADivisionByZero() {
        MarginAccount account = aSnapshot().balance("1000").account();
        assertThat(account.getMarginLevel()).isNull();
        assertThat(account.getEquity()).isEqualByComparingTo("1000");
        assertThat(account.isAtOrBelow(Decimals.HUNDRED)).isFalse();
    }

    @Test
    void closingAPosition_realizesItsPnl_releasesItsMargin_andKeepsEquity() {
        MarginAccount account = aSnapshot().balance("500")
                .with(aPosition("p1").assetClass(AssetClass.INDEX_MAJOR).open("2300").mark("2000").leverage("20"))
                .with(aPosition("p2").assetClass(AssetClass.INDEX_MAJOR).shortSide().open("1900").mark("2000").leverage("20"))
                .account();
        assertThat(account.getMarginLevel()).isEqualByComparingTo("50");

        CloseOutStep step = account.close(account.getPositions().get(0), "TestRule");

        assertThat(step.step()).isEqualTo(1);
        assertThat(step.realizedPnl()).isEqualByComparingTo("-300");
        assertThat(step.marginLevelBefore()).isEqualByComparingTo("50");
        assertThat(step.marginLevelAfter()).isEqualByComparingTo("100");
        assertThat(account.getBalance()).isEqualByComparingTo("200");
        assertThat(account.getEquity()).isEqualByComparingTo("100");
        assertThat(account.getUsedMargin()).isEqualByComparingTo("100");
        assertThat(account.getOpenPositionCount()).isEqualTo(1);
        assertThat(account.getInitialMarginLevel()).isEqualByComparingTo("50");
    }

    @Test
    void closingTheLastPosition_leavesNoMarginAndAnUndefinedLevel() {
        MarginAccount account = seedExample("250").account();
        CloseOutStep step = account.close(account.getPositions().get(0), "TestRule");
        assertThat(step.marginLevelAfter()).isNull();
        assertThat(account.getUsedMargin().signum()).isZero();
        assertThat(account.getBalance()).isEqualByComparingTo("100");
    }

    @Test
    void aClosedPositionCannotBeClosedTwice() {
        MarginAccount account = seedExample("250").account();
        PositionState p1 = account.getPositions().get(0);
        account.close(p1, "TestRule");
        assertThatThrownBy(() -> account.close(p1, "TestRule")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void totalNotional_sumsEveryPosition() {
        MarginAccount account = aSnapshot()
                .with(aPosition("p1").lots("0.05", "100000").mark("1.2"))
                .with(aPosition("p2").lots("2", "1").mark("2950"))
                .account();
        assertThat(account.getInitialTotalNotional()).isEqualByComparingTo("11900");
    }
}
