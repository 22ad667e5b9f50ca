package io.brokerpolicy.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.brokerpolicy.domain.AccountFigures;
import io.brokerpolicy.domain.AccountStatus;
import io.brokerpolicy.domain.CloseOutStep;
import io.brokerpolicy.domain.FiredRule;
import io.brokerpolicy.domain.LiquidationPrice;
import io.brokerpolicy.domain.MaintenanceMarginReport;
import io.brokerpolicy.domain.PolicyRef;
import io.brokerpolicy.domain.Thresholds;
import io.brokerpolicy.domain.Verdict;
import io.brokerpolicy.domain.Violation;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * The stored verdict document, schema {@value VerdictSchemas#CURRENT}: the decision plus its id and the
 * time it was made, written once as the JSON text that is hashed into the audit log. This schema belongs to
 * the audit record, not to the API: the answer a client gets is derived from it ({@link VerdictSchemas#view}),
 * so a field added to the API changes neither what was hashed nor what a replay compares. A change to this
 * record is a new schema version, and {@link VerdictSchemas} keeps writing the old ones for replays.
 */
public record VerdictDocument(
        int schemaVersion,
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
        Instant evaluatedAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) Long evaluationMicros) {

    /** Fields that say when and how fast a verdict was made, not what was decided (replay ignores them). */
    public static final java.util.Set<String> NOT_PART_OF_THE_DECISION = java.util.Set.of("verdictId", "evaluatedAt",
            "evaluationMicros");

    public static VerdictDocument of(String verdictId, Instant evaluatedAt, Verdict v) {
        return of(verdictId, evaluatedAt, v, null);
    }

    /** With the time the rules took for this snapshot, in microseconds (null when not measured). */
    public static VerdictDocument of(String verdictId, Instant evaluatedAt, Verdict v, Long evaluationMicros) {
        return new VerdictDocument(VerdictSchemas.CURRENT, verdictId, v.snapshotId(), v.accountId(), v.status(), v.policy(), v.thresholds(),
                v.equity(), v.usedMargin(), v.freeMargin(), v.marginLevel(), v.closeOuts(), v.afterCloseOut(),
                v.violations(), v.liquidationPrices(), v.negativeBalanceAdjustment(), v.firedRules(), v.explanation(),
                v.maintenanceMargin(), evaluatedAt, evaluationMicros);
    }
}
