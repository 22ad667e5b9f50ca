package io.brokerpolicy.domain;

/** Direction of a position; decides the sign of its unrealized PnL. */
public enum Side {
    LONG,
    SHORT;

    /** +1 for LONG, -1 for SHORT: unrealized PnL = direction x (mark - open) x units. */
    public int direction() {
        return this == LONG ? 1 : -1;
    }
}
