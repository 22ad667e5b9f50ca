package io.brokerpolicy.domain;

import java.math.BigDecimal;
import java.util.List;

/**
 * The exchange model's part of a verdict (null under the margin-level model), rounded as reported. Figures are
 * those of the snapshot as received, like the rest of the verdict; the liquidation price of each position is the
 * one it has after any liquidation step (as in the verdict's {@code liquidationPrices}).
 *
 * @param marginCallRatio       the ratio (%) at or above which the account is on margin call
 * @param liquidationRatio      the ratio (%) at or above which positions are liquidated
 * @param liquidationFeePercent     the fee a liquidation charges on the notional it closes, in %
 * @param liquidationFees           the fees charged by this verdict's liquidation steps
 * @param insuranceFundContribution what the pools this verdict closed left to the insurance fund
 * @param insuranceFundShortfall    the losses beyond the collateral of the pools this verdict closed, which the
 *                                  insurance fund covers
 * @param crossWalletBalance    balance less the margin locked in isolated positions
 * @param crossAccruedFunding   accrued funding of the cross positions (their {@code swap}), part of the margin balance
 * @param crossFeesOwed         fees owed on the cross positions, taken off the margin balance
 * @param crossMarginBalance    cross wallet balance + floating PnL of the cross positions
 * @param crossMarginRatio      cross maintenance margin / cross margin balance x 100; null with no cross position
 *                              or a margin balance of zero or below
 * @param fundingProjection     null when no position carries a funding rate
 */
public record MaintenanceMarginReport(
        BigDecimal marginCallRatio,
        BigDecimal liquidationRatio,
        LiquidationStyle liquidation,
        BigDecimal liquidationFeePercent,
        BigDecimal liquidationFees,
        BigDecimal insuranceFundContribution,
        BigDecimal insuranceFundShortfall,
        BigDecimal crossWalletBalance,
        BigDecimal crossAccruedFunding,
        BigDecimal crossFeesOwed,
        BigDecimal crossMarginBalance,
        BigDecimal crossMaintenanceMargin,
        BigDecimal crossMarginRatio,
        List<PositionMaintenance> positions,
        FundingProjection fundingProjection) {

    public MaintenanceMarginReport {
        positions = List.copyOf(positions);
    }

    /**
     * One position's maintenance margin as received, from the bracket its notional falls in.
     *
     * @param isolatedMarginBalance isolated margin + floating PnL; null for a cross position
     * @param isolatedMarginRatio   its own ratio (%); null for a cross position or a margin balance of zero or below
     * @param liquidationPrice      after any liquidation step; null when closed or when no price liquidates it
     * @param liquidationBracket    the bracket the liquidation price lands in, whose rate and amount it was computed with
     */
    public record PositionMaintenance(
            String positionId,
            MarginMode marginMode,
            BigDecimal notional,
            int bracket,
            BigDecimal maintenanceMarginPercent,
            BigDecimal maintenanceAmount,
            BigDecimal maintenanceMargin,
            BigDecimal isolatedMarginBalance,
            BigDecimal isolatedMarginRatio,
            BigDecimal liquidationPrice,
            Integer liquidationBracket) {
    }
}
