package io.brokerpolicy.domain;

/** The margin status of an account, checked in this order: STOP_OUT, MARGIN_CALL, HEALTHY. */
public enum AccountStatus {
    HEALTHY,
    MARGIN_CALL,
    STOP_OUT
}
