package io.brokerpolicy.api.dto;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** POST /policy/versions/{n}/stress. */
@Schema(name = "StressResult", description = "The latest stored snapshot of every account evaluated before and after"
        + " the price shocks under version n. Nothing is stored.")
public class StressResult {

    @Schema(required = true)
    public long version;
    @Schema(required = true)
    public String hash;
    @Schema(required = true, description = "The shocks applied, percent by symbol or assetClass:CLASS")
    public Map<String, BigDecimal> shocks;
    @Schema(required = true, description = "Accounts read (the latest snapshot of each)")
    public int accounts;
    @Schema(required = true)
    public int evaluated;
    @Schema(required = true, description = "Accounts with at least one position the shocks move")
    public int shockedAccounts;
    @Schema(required = true, description = "\"BEFORE -> AFTER\" status counts")
    public Map<String, Integer> transitions;
    @Schema(required = true)
    public List<String> newlyMarginCalled;
    @Schema(required = true)
    public List<String> newlyStoppedOut;
    @Schema(required = true)
    public List<String> newlyLiquidated;
    @Schema(required = true)
    public List<BrokerLosses> brokerLosses;
    @Schema(required = true, description = "The accounts that lose most, worst first (at most 20)")
    public List<AccountLoss> worstAccounts;
    @Schema(required = true)
    public int failureCount;
    @Schema(required = true, description = "Up to 100 failures, by account id")
    public List<StressFailure> failures;
    @Schema(required = true)
    public long elapsedMillis;

    @Schema(name = "StressAccountLoss")
    public static class AccountLoss {
        public String accountId;
        public String snapshotId;
        public String brokerId;
        public String currency;
        @Schema(enumeration = {"HEALTHY", "MARGIN_CALL", "STOP_OUT"})
        public String statusBefore;
        @Schema(enumeration = {"HEALTHY", "MARGIN_CALL", "STOP_OUT"})
        public String statusAfter;
        public BigDecimal equityBefore;
        public BigDecimal equityAfter;
        public BigDecimal loss;
        public BigDecimal negativeBalanceAdjustment;
        public BigDecimal insuranceFundShortfall;
        public boolean liquidated;
    }

    @Schema(name = "StressBrokerLosses", description = "What the broker would carry in one currency, after the shock"
            + " and (baseline) before it")
    public static class BrokerLosses {
        public String currency;
        public int accounts;
        public BigDecimal equityChange;
        public BigDecimal negativeBalanceAdjustment;
        public BigDecimal insuranceFundShortfall;
        public BigDecimal baselineNegativeBalanceAdjustment;
        public BigDecimal baselineInsuranceFundShortfall;
    }

    @Schema(name = "StressFailure")
    public static class StressFailure {
        public String snapshotId;
        public String accountId;
        public String message;
    }
}
