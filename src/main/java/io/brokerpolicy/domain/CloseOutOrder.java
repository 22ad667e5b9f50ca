package io.brokerpolicy.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The order in which positions are closed, as a policy writes it: a list of sort keys, each ascending or
 * descending, the first deciding and each next one breaking the ties of those before. {@code positionId}
 * ascending always ends the list (added when the policy leaves it out), so the order is total and a close-out
 * is deterministic: of two distinct positions exactly one comes first.
 *
 * <p>Its description names it in verdicts ("largest loss first"): written by the policy, or derived from the keys.
 */
public final class CloseOutOrder {

    /** One key of the order. */
    public record SortKey(PositionSortKey key, boolean descending) {

        @Override
        public String toString() {
            return key.property() + (descending ? " descending" : " ascending");
        }

        String phrase() {
            String direction;
            if (key == PositionSortKey.OPENED_AT) {
                direction = descending ? "newest first" : "oldest first";
            } else if (key.numeric()) {
                direction = descending ? "highest first" : "lowest first";
            } else {
                direction = descending ? "Z to A" : "A to Z";
            }
            return key.label() + " " + direction;
        }
    }

    /**
     * The order of a policy that names none: the largest loss first, then larger used margin, earlier opening
     * time, position id.
     */
    public static final CloseOutOrder DEFAULT = new CloseOutOrder("largest loss first", List.of(
            new SortKey(PositionSortKey.FLOATING_PNL, false), new SortKey(PositionSortKey.USED_MARGIN, true),
            new SortKey(PositionSortKey.OPENED_AT, false), new SortKey(PositionSortKey.POSITION_ID, false)));

    private final String description;
    private final List<SortKey> keys;
    private final Comparator<PositionState> comparator;

    public CloseOutOrder(String description, List<SortKey> keys) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("a close-out order needs at least one sort key");
        }
        List<SortKey> total = new ArrayList<>(keys);
        if (total.stream().noneMatch(k -> k.key() == PositionSortKey.POSITION_ID)) {
            total.add(new SortKey(PositionSortKey.POSITION_ID, false));
        }
        this.keys = List.copyOf(total);
        this.description = description == null || description.isBlank()
                ? "by " + this.keys.stream().filter(k -> k.key() != PositionSortKey.POSITION_ID)
                .map(SortKey::phrase).collect(Collectors.joining(", then "))
                : description;
        Comparator<PositionState> order = null;
        for (SortKey key : this.keys) {
            Comparator<PositionState> next = key.key().comparator(key.descending());
            order = order == null ? next : order.thenComparing(next);
        }
        this.comparator = order;
    }

    public String description() {
        return description;
    }

    public List<SortKey> keys() {
        return keys;
    }

    /** True when {@code a} is to be closed before {@code b}. */
    public boolean precedes(PositionState a, PositionState b) {
        return comparator.compare(a, b) < 0;
    }

    public Comparator<PositionState> comparator() {
        return comparator;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CloseOutOrder order && order.description.equals(description) && order.keys.equals(keys);
    }

    @Override
    public int hashCode() {
        return Objects.hash(description, keys);
    }

    @Override
    public String toString() {
        return description + " " + keys;
    }
}
