package io.brokerpolicy.api;

import io.brokerpolicy.domain.AccountFigures;
import io.brokerpolicy.domain.AccountStatus;
import io.brokerpolicy.domain.CloseOutStep;
import io.brokerpolicy.domain.FiredRule;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.brokerpolicy.domain.LiquidationPrice;
import io.brokerpolicy.domain.MaintenanceMarginReport;
import io.brokerpolicy.domain.PolicyRef;
import io.brokerpolicy.domain.Thresholds;
import io.brokerpolicy.domain.Verdict;
import io.brokerpolicy.domain.Violation;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** A verdict as clients see it (api.md): the decision plus its id and the time it was made. */
public record VerdictView(
        String verdictId,
        String snapshotId,
        String accountId,
        AccountStatus status,
        PolicyRef policy,
        Thresholds thresholds,
        BigDecimal equity,
        BigDecimal usedMargin,
        BigDecimal freeMargin,
        BigDecimal marginLevel,
        List<CloseOutStep> closeOuts,
        AccountFigures afterCloseOut,
        List<Violation> violations,
        List<LiquidationPrice> liquidationPrices,
        BigDecimal negativeBalanceAdjustment,
        List<FiredRule> firedRules,
        String explanation,
        // The exchange model's figures; absent for a margin-level (forex) verdict, whose JSON stays as it was.
        @JsonInclude(JsonInclude.Include.NON_NULL) MaintenanceMarginReport maintenanceMargin,
        Instant evaluatedAt) {

    public static VerdictView of(String verdictId, Instant evaluatedAt, Verdict v) {
        return new VerdictView(verdictId, v.snapshotId(), v.accountId(), v.status(), v.policy(), v.thresholds(),
                v.equity(), v.usedMargin(), v.freeMargin(), v.marginLevel(), v.closeOuts(), v.afterCloseOut(),
                v.violations(), v.liquidationPrices(), v.negativeBalanceAdjustment(), v.firedRules(), v.explanation(),
                v.maintenanceMargin(), evaluatedAt);
    }

    public Verdict decision() {
        return new Verdict(snapshotId, accountId, status, policy, thresholds, equity, usedMargin, freeMargin,
                marginLevel, closeOuts, afterCloseOut, violations, liquidationPrices, negativeBalanceAdjustment,
                firedRules, explanation, maintenanceMargin);
    }
}
