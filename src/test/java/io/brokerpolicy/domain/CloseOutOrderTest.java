package io.brokerpolicy.domain;

import static io.brokerpolicy.domain.DomainFixtures.aPosition;
import static io.brokerpolicy.domain.DomainFixtures.aSnapshot;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CloseOutOrderTest {

    private static List<String> order(CloseOutOrder order, MarginAccount account) {
        return account.getPositions().stream().sorted(order.comparator()).map(PositionState::positionId).toList();
    }

    @Test
    void largestLossFirst_putsTheMostNegativeFloatingPnlFirst() {
        MarginAccount account = aSnapshot()
                .with(aPosition("small-loss").open("100").mark("99"))
                .with(aPosition("profit").open("100").mark("101"))
                .with(aPosition("big-loss").open("100").mark("90"))
                .account();
        assertThat(order(CloseOutOrder.LARGEST_LOSS_FIRST, account)).containsExactly("big-loss", "small-loss", "profit");
    }

    @Test
    void equalLosses_breakByLargerUsedMargin_thenEarlierOpenedAt_thenPositionId() {
        MarginAccount account = aSnapshot()
                .with(aPosition("b-late").open("100").mark("90").leverage("10").openedAt("2026-11-20T10:00:00Z"))
                .with(aPosition("c-early").open("100").mark("90").leverage("10").openedAt("2026-11-20T08:00:00Z"))
                .with(aPosition("a-late").open("100").mark("90").leverage("10").openedAt("2026-11-20T10:00:00Z"))
                .with(aPosition("d-more-margin").open("100").mark("90").leverage("5").openedAt("2026-11-20T12:00:00Z"))
                .account();
        assertThat(order(CloseOutOrder.LARGEST_LOSS_FIRST, account))
                .containsExactly("d-more-margin", "c-early", "a-late", "b-late");
    }

    @Test
    void largestMarginFirst_andHighestLeverageFirst() {
        MarginAccount account = aSnapshot()
                .with(aPosition("low-lev-big").lots("10", "1").open("100").mark("100").leverage("2"))
                .with(aPosition("high-lev").lots("1", "1").open("100").mark("80").leverage("50"))
                .account();
        assertThat(order(CloseOutOrder.LARGEST_MARGIN_FIRST, account)).containsExactly("low-lev-big", "high-lev");
        assertThat(order(CloseOutOrder.HIGHEST_LEVERAGE_FIRST, account)).containsExactly("high-lev", "low-lev-big");
    }

    @Test
    void precedes_isATotalOrder_exactlyOneOfTwoDistinctPositionsComesFirst() {
        MarginAccount account = aSnapshot()
                .with(aPosition("x").open("100").mark("90"))
                .with(aPosition("y").open("100").mark("90"))
                .account();
        PositionState x = account.getPositions().get(0);
        PositionState y = account.getPositions().get(1);
        for (CloseOutOrder order : CloseOutOrder.values()) {
            assertThat(order.precedes(x, y)).isNotEqualTo(order.precedes(y, x));
            assertThat(order.precedes(x, x)).isFalse();
        }
    }
}
