package io.brokerpolicy.domain;

import java.math.BigDecimal;

/**
 * The parameters of the policy that apply to one account, as a single fact for the rules: the rules
 * compare against these and never carry a threshold of their own.
 *
 * @param stopOutLevel            the account type's stop-out level, raised to the regulator's close-out
 *                                floor for retail clients where one applies
 * @param regulator               the regulator whose retail rules apply (ESMA, FCA…), or null
 * @param kycMaxNotional          the KYC tier's total notional limit, or null when the tier sets none
 */
public record PolicyTerms(
        String brokerId,
        String accountType,
        String policyFile,
        BigDecimal marginCallLevel,
        BigDecimal stopOutLevel,
        boolean regulatoryStopOutFloorApplied,
        CloseOutOrder closeOutOrder,
        boolean negativeBalanceProtection,
        String kycTier,
        BigDecimal kycMaxNotional,
        String regulator) {

    // Bean-style getters: the rule language reads facts through them.
    public BigDecimal getMarginCallLevel() {
        return marginCallLevel;
    }

    public BigDecimal getStopOutLevel() {
        return stopOutLevel;
    }

    public CloseOutOrder getCloseOutOrder() {
        return closeOutOrder;
    }

    public boolean isNegativeBalanceProtection() {
        return negativeBalanceProtection;
    }

    public BigDecimal getKycMaxNotional() {
        return kycMaxNotional;
    }

    public String getKycTier() {
        return kycTier;
    }

    public Thresholds thresholds() {
        return new Thresholds(marginCallLevel, stopOutLevel);
    }

    public boolean hasKycLimit() {
        return kycMaxNotional != null;
    }
}
