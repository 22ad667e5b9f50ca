package io.brokerpolicy.domain;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Optional;
import java.util.function.Function;

/**
 * A property of a position that a close-out order may sort by, named as rules name it (the PositionState
 * properties of the rule language). A time or text sorts as such; a missing opening time sorts after every
 * other, whichever the direction.
 */
public enum PositionSortKey {
    FLOATING_PNL("floatingPnl", "floating PnL", PositionState::getFloatingPnl),
    USED_MARGIN("usedMargin", "used margin", PositionState::getUsedMargin),
    NOTIONAL("notional", "notional", PositionState::getNotional),
    LEVERAGE("leverage", "leverage", PositionState::getLeverage),
    QUANTITY("quantity", "quantity", PositionState::getQuantity),
    OPENED_AT("openedAt", "opening time", PositionState::getOpenedAt),
    POSITION_ID("positionId", "position id", PositionState::getPositionId),
    SYMBOL("symbol", "symbol", PositionState::getSymbol);

    private final String property;
    private final String label;
    private final Function<PositionState, ? extends Comparable<?>> value;

    PositionSortKey(String property, String label, Function<PositionState, ? extends Comparable<?>> value) {
        this.property = property;
        this.label = label;
        this.value = value;
    }

    /** The property's name in a policy and in rules: floatingPnl, openedAt ... */
    public String property() {
        return property;
    }

    String label() {
        return label;
    }

    public static Optional<PositionSortKey> byProperty(String property) {
        return Arrays.stream(values()).filter(k -> k.property.equals(property)).findFirst();
    }

    /** Ascending or descending by this property, with a missing value last either way. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    Comparator<PositionState> comparator(boolean descending) {
        Comparator<Comparable> natural = descending ? Comparator.<Comparable>reverseOrder() : Comparator.<Comparable>naturalOrder();
        return Comparator.comparing(p -> (Comparable) value.apply(p), Comparator.nullsLast(natural));
    }

    boolean numeric() {
        return this != OPENED_AT && this != POSITION_ID && this != SYMBOL;
    }
}
