package io.brokerpolicy.domain;

import static io.brokerpolicy.domain.DomainFixtures.aPosition;
import static io.brokerpolicy.domain.DomainFixtures.aSnapshot;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Close-out orders as policies write them: sort keys, each ascending or descending, positionId last. */
class CloseOutOrderTest {

    private static final CloseOutOrder LARGEST_LOSS_FIRST = CloseOutOrder.DEFAULT;
    private static final CloseOutOrder LARGEST_MARGIN_FIRST = order("usedMargin descending", "floatingPnl ascending",
            "openedAt ascending");
    private static final CloseOutOrder HIGHEST_LEVERAGE_FIRST = order("leverage descending", "floatingPnl ascending",
            "usedMargin descending", "openedAt ascending");

    private static CloseOutOrder order(String... keys) {
        List<CloseOutOrder.SortKey> sortKeys = new java.util.ArrayList<>();
        for (String key : keys) {
            String[] words = key.split(" ");
            sortKeys.add(new CloseOutOrder.SortKey(PositionSortKey.byProperty(words[0]).orElseThrow(),
                    words[1].equals("descending")));
        }
        return new CloseOutOrder(null, sortKeys);
    }

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
        assertThat(order(LARGEST_LOSS_FIRST, account)).containsExactly("big-loss", "small-loss", "profit");
    }

    @Test
    void equalLosses_breakByLargerUsedMargin_thenEarlierOpenedAt_thenPositionId() {
        MarginAccount account = aSnapshot()
                .with(aPosition("b-late").open("100").mark("90").leverage("10").openedAt("2026-11-20T10:00:00Z"))
                .with(aPosition("c-early").open("100").mark("90").leverage("10").openedAt("2026-11-20T08:00:00Z"))
                .with(aPosition("a-late").open("100").mark("90").leverage("10").openedAt("2026-11-20T10:00:00Z"))
                .with(aPosition("d-more-margin").open("100").mark("90").leverage("5").openedAt("2026-11-20T12:00:00Z"))
                .account();
        assertThat(order(LARGEST_LOSS_FIRST, account))
                .containsExactly("d-more-margin", "c-early", "a-late", "b-late");
    }

    @Test
    void largestMarginFirst_andHighestLeverageFirst() {
        MarginAccount account = aSnapshot()
                .with(aPosition("low-lev-big").lots("10", "1").open("100").mark("100").leverage("2"))
                .with(aPosition("high-lev").lots("1", "1").open("100").mark("80").leverage("50"))
                .account();
        assertThat(order(LARGEST_MARGIN_FIRST, account)).containsExactly("low-lev-big", "high-lev");
        assertThat(order(HIGHEST_LEVERAGE_FIRST, account)).containsExactly("high-lev", "low-lev-big");
    }

    @Test
    void precedes_isATotalOrder_exactlyOneOfTwoDistinctPositionsComesFirst() {
        MarginAccount account = aSnapshot()
                .with(aPosition("x").open("100").mark("90"))
                .with(aPosition("y").open("100").mark("90"))
                .account();
        PositionState x = account.getPositions().get(0);
        PositionState y = account.getPositions().get(1);
        for (CloseOutOrder order : List.of(LARGEST_LOSS_FIRST, LARGEST_MARGIN_FIRST, HIGHEST_LEVERAGE_FIRST,
                order("openedAt ascending"), order("symbol descending"))) {
            assertThat(order.precedes(x, y)).isNotEqualTo(order.precedes(y, x));
            assertThat(order.precedes(x, x)).isFalse();
        }
    }

    @Test
    void oldestPositionFirst_isOneSortKey_withMissingOpeningTimesLast_andPositionIdBreakingTies() {
        MarginAccount account = aSnapshot()
                .with(aPosition("b-same").openedAt("2026-11-20T08:00:00Z"))
                .with(aPosition("newest").openedAt("2026-11-21T08:00:00Z"))
                .with(aPosition("unknown").openedAt(null))
                .with(aPosition("a-same").openedAt("2026-11-20T08:00:00Z"))
                .account();
        CloseOutOrder oldestFirst = order("openedAt ascending");
        assertThat(order(oldestFirst, account)).containsExactly("a-same", "b-same", "newest", "unknown");
        assertThat(order(order("openedAt descending"), account)).containsExactly("newest", "a-same", "b-same", "unknown");
        assertThat(oldestFirst.keys()).extracting(Object::toString).containsExactly("openedAt ascending", "positionId ascending");
        assertThat(oldestFirst.description()).isEqualTo("by opening time oldest first");
    }
}
