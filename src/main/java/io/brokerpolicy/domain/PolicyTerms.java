package io.brokerpolicy.domain;

import java.math.BigDecimal;
import java.util.Map;

/**
 * The parameters of the policy that apply to one account, as a single fact for the rules: the rules
 * compare against these and never carry a threshold of their own.
 *
 * @param stopOutLevel            the account type's stop-out level, raised to the regulator's close-out
 *                                floor for retail clients where one applies
 * @param regulator               the regulator whose retail rules apply (ESMA, FCA…), or null
 * @param kycMaxNotional          the KYC tier's total notional limit, or null when the tier sets none
 * @param marginModel             which figures decide: margin level (levels set) or margin ratio (ratios set)
 * @param marginCallRatio         exchange model: the margin ratio (%) at or above which the account is on margin call
 * @param liquidationRatio        exchange model: the margin ratio (%) at or above which positions are liquidated
 * @param liquidationStyle        exchange model: close whole positions, or reduce them a bracket at a time
 * @param fundingIntervalHours    exchange model: the length of one funding interval, for the funding projection
 * @param liquidationFeePercent   exchange model: the fee on the notional a liquidation closes, in % (0.5 means 0.5 %)
 * @param parameters              the broker policy's own named decimal parameters, read by rules as
 *                                {@code $terms.param("name")}
 * @param violationCodes          the broker policy's own violation codes, with what each means
 *
 * <p>Under the exchange model {@code marginCallLevel} and {@code stopOutLevel} are null; under the margin-level
 * model the five exchange fields are null.
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
        String regulator,
        MarginModel marginModel,
        BigDecimal marginCallRatio,
        BigDecimal liquidationRatio,
        LiquidationStyle liquidationStyle,
        BigDecimal fundingIntervalHours,
        BigDecimal liquidationFeePercent,
        Map<String, BigDecimal> parameters,
        Map<String, String> violationCodes) {

    public PolicyTerms {
        parameters = Map.copyOf(parameters);
        violationCodes = Map.copyOf(violationCodes);
    }

    /**
     * A parameter the broker's policy declares; null when it declares none of that name, which makes every
     * comparison with it false, so a policy leaves out a parameter to switch off the rules that read it.
     */
    public BigDecimal param(String name) {
        return parameters.get(name);
    }

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

    public MarginModel getMarginModel() {
        return marginModel;
    }

    public BigDecimal getMarginCallRatio() {
        return marginCallRatio;
    }

    public BigDecimal getLiquidationRatio() {
        return liquidationRatio;
    }

    public BigDecimal getLiquidationFeePercent() {
        return liquidationFeePercent;
    }

    public LiquidationStyle getLiquidationStyle() {
        return liquidationStyle;
    }

    public boolean isMaintenanceMarginModel() {
        return marginModel == MarginModel.MAINTENANCE_MARGIN;
    }

    public Thresholds thresholds() {
        return new Thresholds(marginCallLevel, stopOutLevel);
    }
}
