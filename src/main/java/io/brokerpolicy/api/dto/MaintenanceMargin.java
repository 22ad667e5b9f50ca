package io.brokerpolicy.api.dto;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The exchange model's part of a verdict (docs/crypto.md). */
@Schema(name = "MaintenanceMargin", description = "The exchange model's figures: maintenance margin, margin ratios,"
        + " liquidation fees and the insurance fund")
public class MaintenanceMargin {

    public BigDecimal marginCallRatio;
    public BigDecimal liquidationRatio;
    @Schema(enumeration = {"FULL", "PARTIAL"})
    public String liquidation;
    public BigDecimal liquidationFeePercent;
    public BigDecimal liquidationFees;
    public BigDecimal insuranceFundContribution;
    public BigDecimal insuranceFundShortfall;
    public BigDecimal crossWalletBalance;
    public BigDecimal crossAccruedFunding;
    public BigDecimal crossFeesOwed;
    public BigDecimal crossMarginBalance;
    public BigDecimal crossMaintenanceMargin;
    @Schema(nullable = true)
    public BigDecimal crossMarginRatio;
    public List<PositionMaintenance> positions;
    @Schema(nullable = true)
    public FundingProjection fundingProjection;

    @Schema(name = "PositionMaintenance")
    public static class PositionMaintenance {
        public String positionId;
        @Schema(enumeration = {"CROSS", "ISOLATED"})
        public String marginMode;
        public BigDecimal notional;
        public int bracket;
        public BigDecimal maintenanceMarginPercent;
        public BigDecimal maintenanceAmount;
        public BigDecimal maintenanceMargin;
        @Schema(nullable = true)
        public BigDecimal isolatedMarginBalance;
        @Schema(nullable = true)
        public BigDecimal isolatedMarginRatio;
        @Schema(nullable = true)
        public BigDecimal liquidationPrice;
        @Schema(nullable = true)
        public Integer liquidationBracket;
    }

    @Schema(name = "FundingProjection")
    public static class FundingProjection {
        public BigDecimal intervalHours;
        public BigDecimal crossFundingPerInterval;
        @Schema(nullable = true)
        public BigInteger intervalsUntilMarginCall;
        @Schema(nullable = true)
        public BigInteger intervalsUntilLiquidation;
        public List<IsolatedFunding> isolated;
    }

    @Schema(name = "IsolatedFunding")
    public static class IsolatedFunding {
        public String positionId;
        public BigDecimal fundingPerInterval;
        @Schema(nullable = true)
        public BigInteger intervalsUntilLiquidation;
    }
}
