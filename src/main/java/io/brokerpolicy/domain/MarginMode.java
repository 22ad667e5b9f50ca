package io.brokerpolicy.domain;

/** Exchange-style margin mode of a position: CROSS shares the account balance, ISOLATED has its own margin. */
public enum MarginMode {
    CROSS,
    ISOLATED
}
