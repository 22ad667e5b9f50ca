package io.brokerpolicy.domain;

import java.math.BigDecimal;

/**
 * The exchange-model side of a liquidation step. {@code scope} says whose margin pool the step belongs to: CROSS,
 * the account's shared cross margin, or ISOLATED, the position's own margin. Ratios are in %;
 * {@code marginRatioAfter} is null when nothing is left to measure (no cross position open, or the isolated
 * position closed). {@code bracketAfter} is null when the position was closed whole.
 *
 * @param liquidationFee            the fee charged on the closed notional, taken from the pool's collateral (never
 *                                  more than the collateral left)
 * @param insuranceFundContribution what was left of the pool's collateral after its loss and the fee, when this step
 *                                  closed the pool's last position; goes to the insurance fund
 * @param insuranceFundShortfall    the loss beyond the pool's collateral, when this step closed the pool's last
 *                                  position; the insurance fund covers it
 */
public record MaintenanceStep(
        MarginMode scope,
        BigDecimal marginRatioBefore,
        BigDecimal marginRatioAfter,
        Integer bracketBefore,
        Integer bracketAfter,
        BigDecimal liquidationFee,
        BigDecimal insuranceFundContribution,
        BigDecimal insuranceFundShortfall) {
}
