package io.brokerpolicy.domain;

/**
 * The built-in violation codes, reported beside the status. The leverage and KYC findings do not depend on the
 * margin level; a negative balance is found after a stop-out has closed positions. A broker policy may declare
 * codes of its own for its own rules.
 */
public enum ViolationCode {
    /** A position's leverage is above the effective cap for its instrument class. */
    LEVERAGE_CAP_EXCEEDED,
    /** The account's total notional is above what its KYC tier allows. */
    KYC_LIMIT_EXCEEDED,
    /** Equity is below zero after a stop-out. */
    NEGATIVE_BALANCE;

    public static boolean isBuiltIn(String code) {
        for (ViolationCode builtIn : values()) {
            if (builtIn.name().equals(code)) {
                return true;
            }
        }
        return false;
    }
}
