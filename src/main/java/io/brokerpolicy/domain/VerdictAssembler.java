package io.brokerpolicy.domain;

import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Turns what the rules decided into the reported verdict: rounds what is reported (margin levels to
 * 2 decimals, money to the currency's minor unit), computes liquidation prices of the positions still
 * open, and writes the explanation a compliance officer can paste into a letter.
 */
public final class VerdictAssembler {

    private VerdictAssembler() {
    }

    public static Verdict assemble(EvaluationOutcome outcome) {
        MarginAccount account = outcome.account();
        AccountSnapshot snapshot = account.getSnapshot();
        String ccy = snapshot.currency();
        AccountFigures initial = account.getInitial();
        PolicyTerms terms = outcome.terms();

        List<CloseOutStep> steps = account.getCloseOuts().stream().map(s -> rounded(s, ccy)).toList();
        AccountFigures after = steps.isEmpty() ? null : rounded(account.figures(), ccy);
        List<Violation> violations = outcome.violations().stream()
                .map(v -> ViolationCode.LEVERAGE_CAP_EXCEEDED.name().equals(v.code()) ? v
                        : new Violation(v.code(), v.positionId(), v.limit() == null ? null : Decimals.money(v.limit(), ccy),
                                Decimals.money(v.actual(), ccy), v.rule(), v.detail()))
                .toList();
        BigDecimal adjustment = outcome.negativeBalanceAdjustment() == null
                ? Decimals.money(BigDecimal.ZERO, ccy)
                : Decimals.money(outcome.negativeBalanceAdjustment().amount(), ccy);
        AccountStatus status = outcome.status().status();
        MaintenanceMarginAccount maintenance = outcome.maintenance();
        List<LiquidationPrice> liquidation;
        MaintenanceMarginReport report = null;
        if (maintenance == null) {
            liquidation = LiquidationPrices.of(account, terms.stopOutLevel());
        } else {
            List<OneWayLiquidationPrice.Result> prices = OneWayLiquidationPrice.all(maintenance, terms.liquidationRatio());
            liquidation = prices.stream().map(r -> new LiquidationPrice(r.positionId(), r.price())).toList();
            report = MaintenanceMarginReports.of(maintenance, terms, prices, ccy);
        }

        Verdict draft = new Verdict(snapshot.snapshotId(), snapshot.accountId(), status, outcome.policy(),
                new Thresholds(Decimals.plain(terms.marginCallLevel()), Decimals.plain(terms.stopOutLevel())),
                Decimals.money(initial.equity(), ccy), Decimals.money(initial.usedMargin(), ccy),
                Decimals.money(initial.freeMargin(), ccy), Decimals.level(initial.marginLevel()),
                steps, after, violations, liquidation, adjustment, outcome.firedRules(), "", report);
        return withExplanation(draft, terms, ccy);
    }

    private static CloseOutStep rounded(CloseOutStep s, String ccy) {
        MaintenanceStep x = s.maintenance();
        MaintenanceStep m = x == null ? null : new MaintenanceStep(x.scope(), Decimals.level(x.marginRatioBefore()),
                Decimals.level(x.marginRatioAfter()), x.bracketBefore(), x.bracketAfter(),
                Decimals.money(x.liquidationFee(), ccy), Decimals.money(x.insuranceFundContribution(), ccy),
                Decimals.money(x.insuranceFundShortfall(), ccy));
        return new CloseOutStep(s.step(), s.positionId(), Decimals.money(s.realizedPnl(), ccy),
                Decimals.level(s.marginLevelBefore()), Decimals.level(s.marginLevelAfter()), s.rule(),
                Decimals.quantity(s.quantityClosed()), Decimals.quantity(s.quantityRemaining()), m);
    }

    private static AccountFigures rounded(AccountFigures f, String ccy) {
        return new AccountFigures(Decimals.money(f.balance(), ccy), Decimals.money(f.equity(), ccy),
                Decimals.money(f.usedMargin(), ccy), Decimals.money(f.freeMargin(), ccy), Decimals.level(f.marginLevel()));
    }

    private static Verdict withExplanation(Verdict v, PolicyTerms terms, String ccy) {
        String text = v.maintenanceMargin() == null ? Explanation.of(v, terms, ccy)
                : MaintenanceExplanation.of(v, terms, ccy);
        return new Verdict(v.snapshotId(), v.accountId(), v.status(), v.policy(), v.thresholds(), v.equity(),
                v.usedMargin(), v.freeMargin(), v.marginLevel(), v.closeOuts(), v.afterCloseOut(), v.violations(),
                v.liquidationPrices(), v.negativeBalanceAdjustment(), v.firedRules(), text, v.maintenanceMargin());
    }

    /** The plain-language account of a verdict. Only reported (rounded) figures appear in it. */
    static final class Explanation {

        private Explanation() {
        }

        static String of(Verdict v, PolicyTerms terms, String ccy) {
            StringBuilder text = new StringBuilder();
            String policy = "policy " + terms.brokerId() + "/" + terms.accountType() + " (version "
                    + v.policy().version() + ")";
            String stopOut = pct(v.thresholds().stopOutLevel()) + stopOutOrigin(terms);
            String figures = v.marginLevel() == null ? ""
                    : "margin level of " + pct(v.marginLevel()) + " (equity " + money(v.equity(), ccy)
                    + " against used margin " + money(v.usedMargin(), ccy) + ")";
            switch (v.status()) {
                case STOP_OUT -> {
                    text.append("Account ").append(v.accountId()).append(" was stopped out: its ").append(figures)
                            .append(" was at or below the stop-out level of ").append(stopOut).append(" set by ")
                            .append(policy).append(".");
                    if (!v.closeOuts().isEmpty()) {
                        text.append(" Positions were closed one at a time, ").append(orderPhrase(terms.closeOutOrder()))
                                .append(", while the margin level stayed at or below ").append(pct(v.thresholds().stopOutLevel()))
                                .append(": ");
                        text.append(v.closeOuts().stream().map(s -> "step " + s.step() + " closed " + s.positionId()
                                + " realizing " + money(s.realizedPnl(), ccy) + ", margin level " + pct(s.marginLevelBefore())
                                + " to " + (s.marginLevelAfter() == null ? "none (no position left open)" : pct(s.marginLevelAfter())))
                                .collect(Collectors.joining("; "))).append(".");
                        AccountFigures after = v.afterCloseOut();
                        text.append(" Afterwards the balance is ").append(money(after.balance(), ccy)).append(" and ");
                        text.append(after.marginLevel() == null ? "no position is open."
                                : "the margin level is " + pct(after.marginLevel()) + ".");
                    }
                }
                case MARGIN_CALL -> text.append("Account ").append(v.accountId()).append(" is on margin call: its ")
                        .append(figures).append(" is at or below the margin-call level of ")
                        .append(pct(v.thresholds().marginCallLevel())).append(" but above the stop-out level of ")
                        .append(stopOut).append(" set by ").append(policy)
                        .append(". No position was closed; the trader must add funds or reduce positions.");
                case HEALTHY -> {
                    text.append("Account ").append(v.accountId()).append(" is healthy: ");
                    if (v.marginLevel() == null) {
                        text.append("it has no open positions, so no margin is used and the margin level is undefined.");
                    } else {
                        text.append("its ").append(figures).append(" is above the margin-call level of ")
                                .append(pct(v.thresholds().marginCallLevel())).append(" set by ").append(policy).append(".");
                    }
                }
            }
            if (v.negativeBalanceAdjustment().signum() > 0) {
                text.append(" Negative balance protection applies: the broker absorbs ")
                        .append(money(v.negativeBalanceAdjustment(), ccy)).append(" to bring the balance back to zero.");
            }
            for (Violation violation : v.violations()) {
                text.append(' ').append(sentence(violation, terms, ccy));
            }
            return text.toString();
        }

        static String stopOutOrigin(PolicyTerms terms) {
            return terms.regulatoryStopOutFloorApplied()
                    ? " (the " + terms.regulator() + " close-out floor for retail clients, above the account type's own level)"
                    : "";
        }

        static String sentence(Violation v, PolicyTerms terms, String ccy) {
            return switch (v.code()) {
                case "LEVERAGE_CAP_EXCEEDED" -> "Position " + v.positionId() + " uses leverage " + ratio(v.actual())
                        + ", above the " + v.detail() + " of " + ratio(v.limit()) + ".";
                case "KYC_LIMIT_EXCEEDED" -> "The total notional of " + money(v.actual(), ccy) + " is above the "
                        + v.detail() + " of " + money(v.limit(), ccy) + ".";
                case "NEGATIVE_BALANCE" -> "Equity ended at " + money(v.actual(), ccy) + ", below zero.";
                default -> declared(v, terms, ccy);
            };
        }

        /** A violation of a code the broker's policy declares: its meaning, the figure and the limit. */
        private static String declared(Violation v, PolicyTerms terms, String ccy) {
            String meaning = terms.violationCodes().get(v.code());
            StringBuilder text = new StringBuilder(v.code());
            if (v.positionId() != null) {
                text.append(" on position ").append(v.positionId());
            }
            text.append(": ").append(meaning == null ? "a finding of the broker's own rules" : meaning);
            if (v.actual() != null) {
                text.append(" (").append(money(v.actual(), ccy));
                if (v.limit() != null) {
                    text.append(" against a limit of ").append(money(v.limit(), ccy));
                }
                text.append(")");
            }
            if (v.detail() != null && !v.detail().isBlank()) {
                text.append("; ").append(v.detail());
            }
            return text.append(".").toString();
        }

        static String orderPhrase(CloseOutOrder order) {
            return order.description();
        }

        static String pct(BigDecimal level) {
            return level.toPlainString() + "%";
        }

        private static String ratio(BigDecimal leverage) {
            return Decimals.plain(leverage).toPlainString() + ":1";
        }

        static String money(BigDecimal amount, String ccy) {
            return Decimals.money(amount, ccy).toPlainString() + " " + ccy;
        }
    }
}
