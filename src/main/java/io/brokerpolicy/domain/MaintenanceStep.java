package io.brokerpolicy.domain;

import java.math.BigDecimal;

/**
 * The exchange-model side of a liquidation step. {@code scope} says whose margin ratio decided it: CROSS,
 * the account's shared cross margin, or ISOLATED, the position's own margin. Ratios are in %;
 * {@code marginRatioAfter} is null when nothing is left to measure (no cross position open, or the isolated
 * position closed). {@code bracketAfter} is null when the position was closed whole.
 */
public record MaintenanceStep(
        MarginMode scope,
        BigDecimal marginRatioBefore,
        BigDecimal marginRatioAfter,
        Integer bracketBefore,
        Integer bracketAfter) {
}
