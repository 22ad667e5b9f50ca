package io.brokerpolicy.domain;

import java.math.BigDecimal;

/**
 * One position closed at stop-out: its floating PnL realized into the balance, its margin released.
 * Margin levels are unrounded here; {@code marginLevelAfter} is null when no margin is used any more.
 */
public record CloseOutStep(
        int step,
        String positionId,
        BigDecimal realizedPnl,
        BigDecimal marginLevelBefore,
        BigDecimal marginLevelAfter,
        String rule) {
}
