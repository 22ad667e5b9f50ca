package io.brokerpolicy.domain;

import java.math.BigDecimal;

/**
 * One close-out step: a position closed (or, under the exchange model's partial liquidation, reduced) at its
 * mark price, its floating PnL for the closed part realized into the balance and its margin released.
 *
 * <p>Under the margin-level model the margin levels before and after are filled in (unrounded here;
 * {@code marginLevelAfter} is null when no margin is used any more) and {@code maintenance} is null. Under
 * the exchange model the margin levels are null, because the decision was taken on the margin ratio, which
 * {@code maintenance} reports with the brackets before and after.
 *
 * @param quantityClosed    the quantity (in lots) closed by this step
 * @param quantityRemaining the quantity still open afterwards; 0 when the position was closed whole
 */
public record CloseOutStep(
        int step,
        String positionId,
        BigDecimal realizedPnl,
        BigDecimal marginLevelBefore,
        BigDecimal marginLevelAfter,
        String rule,
        BigDecimal quantityClosed,
        BigDecimal quantityRemaining,
        MaintenanceStep maintenance) {
}
