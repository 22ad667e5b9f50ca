package io.brokerpolicy.domain;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.stream.Collectors;

/** The plain-language account of an exchange-model verdict. Only reported (rounded) figures appear in it. */
final class MaintenanceExplanation {

    private MaintenanceExplanation() {
    }

    static String of(Verdict v, PolicyTerms terms, String ccy) {
        MaintenanceMarginReport m = v.maintenanceMargin();
        StringBuilder text = new StringBuilder();
        String policy = "policy " + terms.brokerId() + "/" + terms.accountType() + " (version " + v.policy().version() + ")";
        String figures = m.crossMarginRatio() == null ? null
                : "cross margin ratio of " + pct(m.crossMarginRatio()) + " (maintenance margin "
                + money(m.crossMaintenanceMargin(), ccy) + " against margin balance " + money(m.crossMarginBalance(), ccy) + ")";
        boolean crossOpen = m.positions().stream().anyMatch(p -> p.marginMode() == MarginMode.CROSS);
        switch (v.status()) {
            case STOP_OUT -> text.append("Account ").append(v.accountId()).append(" reached liquidation: its ")
                    .append(figures == null ? "cross margin balance of " + money(m.crossMarginBalance(), ccy)
                            + " was zero or below, past" : figures + " was at or above")
                    .append(" the liquidation ratio of ").append(pct(m.liquidationRatio())).append(" set by ")
                    .append(policy).append(".");
            case MARGIN_CALL -> text.append("Account ").append(v.accountId()).append(" is on margin call: its ")
                    .append(figures).append(" is at or above the margin-call ratio of ").append(pct(m.marginCallRatio()))
                    .append(" but below the liquidation ratio of ").append(pct(m.liquidationRatio())).append(" set by ")
                    .append(policy).append(". No cross position was liquidated; the trader must add funds or reduce positions.");
            case HEALTHY -> {
                text.append("Account ").append(v.accountId()).append(" is healthy: ");
                text.append(!crossOpen ? "it has no open cross position, so its cross margin ratio is undefined."
                        : "its " + figures + " is below the margin-call ratio of " + pct(m.marginCallRatio())
                        + " set by " + policy + ".");
            }
        }
        if (!v.closeOuts().isEmpty()) {
            text.append(" Each margin pool was judged on its own collateral: a bankrupt pool (margin balance zero or"
                            + " below) is closed whole; otherwise liquidation ")
                    .append(m.liquidation() == LiquidationStyle.PARTIAL
                            ? "reduces positions one leverage bracket at a time while that can bring their pool below "
                            + pct(m.liquidationRatio()) + ", and closes them whole where it cannot"
                            : "closes whole positions")
                    .append(", cross positions ").append(VerdictAssembler.Explanation.orderPhrase(terms.closeOutOrder()))
                    .append(", until each margin ratio is below ").append(pct(m.liquidationRatio())).append(": ");
            text.append(v.closeOuts().stream().map(s -> step(s, m.liquidationFeePercent(), ccy)).collect(Collectors.joining("; "))).append(".");
            text.append(" Liquidation fees (").append(pct(m.liquidationFeePercent())).append(" of the closed notional) came to ")
                    .append(money(m.liquidationFees(), ccy));
            if (m.insuranceFundContribution().signum() > 0) {
                text.append("; the insurance fund receives ").append(money(m.insuranceFundContribution(), ccy))
                        .append(" left in the pools that were closed");
            }
            if (m.insuranceFundShortfall().signum() > 0) {
                text.append("; the insurance fund covers a shortfall of ").append(money(m.insuranceFundShortfall(), ccy))
                        .append(", the loss beyond those pools' collateral");
            }
            text.append('.');
        }
        FundingProjection f = m.fundingProjection();
        if (f != null) {
            text.append(' ').append(funding(f, ccy));
        }
        if (v.negativeBalanceAdjustment().signum() > 0) {
            text.append(" Negative balance protection applies: the exchange absorbs ")
                    .append(money(v.negativeBalanceAdjustment(), ccy)).append(" to bring the balance back to zero.");
        }
        for (Violation violation : v.violations()) {
            text.append(' ').append(VerdictAssembler.Explanation.sentence(violation, terms, ccy));
        }
        return text.toString();
    }

    private static String step(CloseOutStep s, BigDecimal feePercent, String ccy) {
        MaintenanceStep m = s.maintenance();
        boolean isolated = m.scope() == MarginMode.ISOLATED;
        String what = m.bracketAfter() == null
                ? "closed " + (isolated ? "isolated position " : "") + s.positionId()
                + " (quantity " + s.quantityClosed().toPlainString() + ")"
                : "reduced " + (isolated ? "isolated position " : "") + s.positionId()
                + " by " + s.quantityClosed().toPlainString() + " to " + s.quantityRemaining().toPlainString()
                + ", from bracket " + m.bracketBefore() + " to bracket " + m.bracketAfter() + ",";
        String fee = m.liquidationFee().signum() > 0 ? " with a fee of " + money(m.liquidationFee(), ccy)
                : feePercent.signum() > 0 ? " with no fee (nothing was left in the pool to pay it)" : "";
        String ratios = m.marginRatioBefore() == null
                ? (isolated ? "its own margin balance" : "the cross margin balance") + " being zero or below (bankrupt)"
                : (isolated ? "its own margin ratio " : "cross margin ratio ") + pct(m.marginRatioBefore()) + " to "
                + ratio(m.marginRatioAfter());
        String pool = isolated ? "its pool" : "the cross pool";
        String insurance = m.insuranceFundShortfall().signum() > 0
                ? ", the insurance fund covering the " + money(m.insuranceFundShortfall(), ccy) + " " + pool + " lacked"
                : m.insuranceFundContribution().signum() > 0
                ? ", the " + money(m.insuranceFundContribution(), ccy) + " left in " + pool + " going to the insurance fund"
                : "";
        return "step " + s.step() + " " + what + " realizing " + money(s.realizedPnl(), ccy) + fee + ", " + ratios
                + insurance;
    }

    private static String funding(FundingProjection f, String ccy) {
        String interval = "per " + f.intervalHours().toPlainString() + "-hour funding interval";
        BigDecimal perInterval = f.crossFundingPerInterval();
        StringBuilder text = new StringBuilder("At the current funding rates and prices the cross positions ");
        if (perInterval.signum() < 0) {
            text.append("pay ").append(money(perInterval.negate(), ccy)).append(' ').append(interval)
                    .append(": margin call ").append(intervals(f.intervalsUntilMarginCall(), f.intervalHours()))
                    .append(", liquidation ").append(intervals(f.intervalsUntilLiquidation(), f.intervalHours())).append('.');
        } else {
            text.append("receive ").append(money(perInterval, ccy)).append(' ').append(interval)
                    .append(", so funding alone does not bring a margin call.");
        }
        for (FundingProjection.Isolated i : f.isolated()) {
            if (i.intervalsUntilLiquidation() != null) {
                text.append(" Isolated position ").append(i.positionId()).append(" pays ")
                        .append(money(i.fundingPerInterval().negate(), ccy)).append(' ').append(interval)
                        .append(": liquidation ").append(intervals(i.intervalsUntilLiquidation(), f.intervalHours())).append('.');
            }
        }
        return text.toString();
    }

    private static String intervals(BigInteger n, BigDecimal hours) {
        if (n == null) {
            return "never at these rates";
        }
        if (n.signum() == 0) {
            return "now";
        }
        return "in " + n + (n.equals(BigInteger.ONE) ? " interval (" : " intervals (")
                + Decimals.plain(hours.multiply(new BigDecimal(n))).toPlainString() + " hours)";
    }

    private static String ratio(BigDecimal ratio) {
        return ratio == null ? "none" : pct(ratio);
    }

    private static String pct(BigDecimal value) {
        return VerdictAssembler.Explanation.pct(value);
    }

    private static String money(BigDecimal amount, String ccy) {
        return VerdictAssembler.Explanation.money(amount, ccy);
    }
}
