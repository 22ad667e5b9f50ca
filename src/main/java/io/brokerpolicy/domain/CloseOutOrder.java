package io.brokerpolicy.domain;

import java.util.Comparator;

/**
 * The order in which positions are closed at stop-out. Each order ends in the same deterministic
 * tie-breaks (docs/domain.md): larger used margin, then earlier openedAt, then positionId.
 */
public enum CloseOutOrder {
    LARGEST_LOSS_FIRST(Comparator.comparing(PositionState::floatingPnl)),
    LARGEST_MARGIN_FIRST(Comparator.comparing(PositionState::usedMargin).reversed()
            .thenComparing(PositionState::floatingPnl)),
    HIGHEST_LEVERAGE_FIRST(Comparator.comparing(PositionState::leverage).reversed()
            .thenComparing(PositionState::floatingPnl));

    private final Comparator<PositionState> order;

    CloseOutOrder(Comparator<PositionState> primary) {
        this.order = primary.thenComparing(TieBreaks.ORDER);
    }

    /** True when {@code a} is to be closed before {@code b}; a total order, so exactly one position comes first. */
    public boolean precedes(PositionState a, PositionState b) {
        return order.compare(a, b) < 0;
    }

    public Comparator<PositionState> comparator() {
        return order;
    }

    /** A holder, because an enum's constructor may not read the enum's own static fields. */
    private static final class TieBreaks {
        static final Comparator<PositionState> ORDER = Comparator
                .comparing(PositionState::usedMargin).reversed()
                .thenComparing(PositionState::openedAt, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(PositionState::positionId);
    }
}
