package io.brokerpolicy.api.dto;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The verdict as an evaluation answers it (documented here; the answer is the stored document's bytes). */
@Schema(name = "Verdict", description = "The decision on one snapshot. Amounts are JSON numbers in the account's"
        + " currency; levels and ratios are percentages.")
public class Verdict {

    @Schema(required = true, format = "uuid")
    public String verdictId;
    @Schema(required = true)
    public String snapshotId;
    @Schema(required = true)
    public String accountId;
    @Schema(required = true, enumeration = {"HEALTHY", "MARGIN_CALL", "STOP_OUT"})
    public String status;
    @Schema(required = true)
    public VerdictPolicy policy;
    @Schema(required = true)
    public Thresholds thresholds;
    @Schema(required = true)
    public BigDecimal equity;
    @Schema(required = true)
    public BigDecimal usedMargin;
    @Schema(required = true)
    public BigDecimal freeMargin;
    @Schema(nullable = true, description = "equity / used margin x 100; null with no positions")
    public BigDecimal marginLevel;
    @Schema(required = true, description = "Positions closed (or reduced), in order")
    public List<CloseOutStep> closeOuts;
    @Schema(nullable = true, description = "The account after the close-out steps; null when nothing was closed")
    public AccountFigures afterCloseOut;
    @Schema(required = true)
    public List<Violation> violations;
    @Schema(required = true)
    public List<LiquidationPrice> liquidationPrices;
    @Schema(nullable = true, description = "What the broker writes off to bring a negative balance back to zero")
    public BigDecimal negativeBalanceAdjustment;
    @Schema(required = true)
    public List<FiredRule> firedRules;
    @Schema(required = true)
    public String explanation;
    @Schema(description = "The exchange model's figures; absent under the margin-level model")
    public MaintenanceMargin maintenanceMargin;
    @Schema(required = true)
    public Instant evaluatedAt;
    @Schema(description = "How long the rules took for this snapshot, in microseconds")
    public Long evaluationMicros;

    /** Which policy version and file decided the verdict. */
    @Schema(name = "VerdictPolicy")
    public static class VerdictPolicy {
        @Schema(required = true)
        public long version;
        @Schema(required = true, examples = "sha256:c4031839af6525841970f084c60e37391965a39554bd55c71dea0a15e8dbd7e0")
        public String hash;
        @Schema(examples = "policies/acme-fx.yaml")
        public String file;
        public String brokerId;
        public String accountType;
    }

    @Schema(name = "Thresholds", description = "The levels (%) that applied, after any regulatory floor")
    public static class Thresholds {
        public BigDecimal marginCallLevel;
        public BigDecimal stopOutLevel;
    }

    @Schema(name = "CloseOutStep", description = "One position closed or reduced at its mark price. Under the exchange"
            + " model the margin levels are null and maintenance carries the margin ratios.")
    public static class CloseOutStep {
        @Schema(required = true)
        public int step;
        @Schema(required = true)
        public String positionId;
        public BigDecimal realizedPnl;
        @Schema(nullable = true)
        public BigDecimal marginLevelBefore;
        @Schema(nullable = true, description = "null when no margin is used any more")
        public BigDecimal marginLevelAfter;
        public String rule;
        public BigDecimal quantityClosed;
        @Schema(description = "0 when the position was closed whole")
        public BigDecimal quantityRemaining;
        @Schema(nullable = true)
        public MaintenanceStep maintenance;
    }

    @Schema(name = "MaintenanceStep", description = "A liquidation step under the exchange model")
    public static class MaintenanceStep {
        @Schema(enumeration = {"CROSS", "ISOLATED"})
        public String scope;
        public BigDecimal marginRatioBefore;
        @Schema(nullable = true)
        public BigDecimal marginRatioAfter;
        public Integer bracketBefore;
        @Schema(nullable = true)
        public Integer bracketAfter;
        public BigDecimal liquidationFee;
        public BigDecimal insuranceFundContribution;
        public BigDecimal insuranceFundShortfall;
    }

    @Schema(name = "AccountFigures")
    public static class AccountFigures {
        public BigDecimal balance;
        public BigDecimal equity;
        public BigDecimal usedMargin;
        public BigDecimal freeMargin;
        @Schema(nullable = true)
        public BigDecimal marginLevel;
    }

    @Schema(name = "Violation", description = "A finding beside the status; positionId is null for account-wide ones")
    public static class Violation {
        @Schema(required = true, examples = "LEVERAGE_CAP_EXCEEDED")
        public String code;
        @Schema(nullable = true)
        public String positionId;
        @Schema(nullable = true)
        public BigDecimal limit;
        @Schema(nullable = true)
        public BigDecimal actual;
        public String rule;
        @Schema(nullable = true)
        public String detail;
    }

    @Schema(name = "LiquidationPrice", description = "The mark price at which the account reaches its stop-out level")
    public static class LiquidationPrice {
        public String positionId;
        @Schema(nullable = true)
        public BigDecimal price;
    }

    @Schema(name = "FiredRule")
    public static class FiredRule {
        public String rule;
        public String file;
    }
}
