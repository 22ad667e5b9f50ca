package io.brokerpolicy.domain;

/**
 * How the exchange model liquidates a position: FULL closes it whole; PARTIAL reduces it one leverage
 * bracket at a time (down to the floor of its bracket) and looks at the margin ratio again after each step,
 * so that a position is only closed whole when reducing it did not restore the ratio.
 */
public enum LiquidationStyle {
    FULL,
    PARTIAL
}
