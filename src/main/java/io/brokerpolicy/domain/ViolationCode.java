package io.brokerpolicy.domain;

/** Findings reported beside the status; none of them depends on the margin level. */
public enum ViolationCode {
    /** A position's leverage is above the effective cap for its instrument class. */
    LEVERAGE_CAP_EXCEEDED,
    /** The account's total notional is above what its KYC tier allows. */
    KYC_LIMIT_EXCEEDED,
    /** Equity is below zero after a stop-out. */
    NEGATIVE_BALANCE
}
