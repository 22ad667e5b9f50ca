package io.brokerpolicy.domain;

import java.math.BigDecimal;
import java.util.List;

/**
 * The outcome of evaluating one snapshot under one policy version, rounded as reported. Figures are
 * those of the snapshot as received; {@code afterCloseOut} holds them after the last close-out step
 * (null when nothing was closed). {@code maintenanceMargin} is the exchange model's margin ratio, brackets and
 * funding projection (null under the margin-level model, where {@code thresholds} holds the levels instead).
 * Deterministic: the same snapshot under the same version gives an
 * equal Verdict; identity and wall-clock time are added by whoever stores it.
 */
public record Verdict(
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
        MaintenanceMarginReport maintenanceMargin) {

    public Verdict {
        closeOuts = List.copyOf(closeOuts);
        violations = List.copyOf(violations);
        liquidationPrices = List.copyOf(liquidationPrices);
        firedRules = List.copyOf(firedRules);
    }
}
