package io.brokerpolicy.bench;

import io.brokerpolicy.domain.AccountSnapshot;
import io.brokerpolicy.domain.AccountStatus;
import io.brokerpolicy.domain.CloseOutOrder;
import io.brokerpolicy.domain.EvaluationOutcome;
import io.brokerpolicy.domain.FiredRule;
import io.brokerpolicy.domain.MarginAccount;
import io.brokerpolicy.domain.NegativeBalanceAdjustment;
import io.brokerpolicy.domain.PolicyRef;
import io.brokerpolicy.domain.PolicyTerms;
import io.brokerpolicy.domain.Position;
import io.brokerpolicy.domain.PositionState;
import io.brokerpolicy.domain.StatusDecision;
import io.brokerpolicy.domain.Verdict;
import io.brokerpolicy.domain.VerdictAssembler;
import io.brokerpolicy.domain.Violation;
import io.brokerpolicy.domain.ViolationCode;
import io.brokerpolicy.domain.policy.PolicyBook;
import io.brokerpolicy.domain.policy.ResolvedPolicy;
import io.brokerpolicy.engine.StandingTerms;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The default policy of rules/*.drl written as plain Java, the benchmark's reference for what the
 * arithmetic alone costs: the same terms (PolicyBook), the same working state (MarginAccount,
 * PositionState) and the same verdict assembly (rounding, liquidation prices, explanation) as the engine,
 * with the rules' decisions as if-statements and a loop instead of a rule engine. Only the default
 * policy is written out: the margin-level model (acme-fx) with close-out largest loss first; the
 * exchange model of nova-crypto (maintenance margin, brackets, partial liquidation) is not.
 */
final class PlainJavaPolicy {

    private static final String MARGIN = "rules/margin.drl";
    private static final String CLOSE_OUT = "rules/close-out.drl";

    private final StandingTerms terms;
    private final long version;
    private final String hash;

    PlainJavaPolicy(PolicyBook book, long version, String hash) {
        this.terms = new StandingTerms(book);
        this.version = version;
        this.hash = hash;
    }

    Verdict evaluate(AccountSnapshot snapshot) {
        ResolvedPolicy resolved = terms.resolve(snapshot);
        PolicyTerms terms = resolved.terms();
        if (!terms.closeOutOrder().keys().equals(CloseOutOrder.DEFAULT.keys()) || terms.isMaintenanceMarginModel()) {
            throw new IllegalArgumentException("the reference only implements the margin-level model, largest loss first");
        }
        List<PositionState> states = new ArrayList<>(snapshot.positions().size());
        for (Position position : snapshot.positions()) {
            states.add(new PositionState(position, resolved.capFor(position), resolved.bracketsFor(position),
                    resolved.quantityStepFor(position)));
        }
        MarginAccount account = new MarginAccount(snapshot, states);
        List<FiredRule> fired = new ArrayList<>();
        List<Violation> violations = new ArrayList<>();

        for (PositionState p : states) {
            if (p.isLeverageAboveCap()) {
                violations.add(new Violation(ViolationCode.LEVERAGE_CAP_EXCEEDED, p.getPositionId(),
                        p.getEffectiveCap().limit(), p.getLeverage(), "LeverageAboveEffectiveCap",
                        p.getEffectiveCap().source() + " for " + p.getAssetClass()));
                fired.add(new FiredRule("LeverageAboveEffectiveCap", "rules/leverage.drl"));
            }
        }
        if (terms.kycMaxNotional() != null && account.getInitialTotalNotional().compareTo(terms.kycMaxNotional()) > 0) {
            violations.add(new Violation(ViolationCode.KYC_LIMIT_EXCEEDED, null, terms.kycMaxNotional(),
                    account.getInitialTotalNotional(), "TotalNotionalAboveKycLimit",
                    "total notional limit of KYC tier " + terms.kycTier()));
            fired.add(new FiredRule("TotalNotionalAboveKycLimit", "rules/kyc.drl"));
        }

        BigDecimal level = account.getInitialMarginLevel();
        StatusDecision status;
        if (level != null && level.compareTo(terms.stopOutLevel()) <= 0) {
            status = new StatusDecision(AccountStatus.STOP_OUT, "MarginLevelAtOrBelowStopOut");
        } else if (level != null && level.compareTo(terms.marginCallLevel()) <= 0) {
            status = new StatusDecision(AccountStatus.MARGIN_CALL, "MarginLevelAtOrBelowMarginCall");
        } else {
            status = new StatusDecision(AccountStatus.HEALTHY, "MarginLevelAboveMarginCall");
        }
        fired.add(new FiredRule(status.rule(), MARGIN));

        if (status.status() == AccountStatus.STOP_OUT) {
            Comparator<PositionState> order = terms.closeOutOrder().comparator();
            List<PositionState> open = new ArrayList<>(states);
            open.sort(order);
            for (PositionState next : open) {
                if (!account.isAtOrBelow(terms.stopOutLevel())) {
                    break;
                }
                account.close(next, "CloseNextPositionInPolicyOrder");
                fired.add(new FiredRule("CloseNextPositionInPolicyOrder", CLOSE_OUT));
            }
        }

        NegativeBalanceAdjustment adjustment = null;
        BigDecimal equity = account.getEquity();
        if (equity.signum() < 0) {
            violations.add(new Violation(ViolationCode.NEGATIVE_BALANCE, null, BigDecimal.ZERO, equity,
                    "NegativeEquityAfterCloseOut", "zero balance floor"));
            fired.add(new FiredRule("NegativeEquityAfterCloseOut", CLOSE_OUT));
            if (terms.negativeBalanceProtection()) {
                adjustment = new NegativeBalanceAdjustment(equity.negate(), "NegativeBalanceProtection");
                fired.add(new FiredRule("NegativeBalanceProtection", CLOSE_OUT));
            }
        }
        violations.sort(violationOrder(snapshot));
        PolicyRef ref = new PolicyRef(version, hash, terms.policyFile(), terms.brokerId(), terms.accountType());
        return VerdictAssembler.assemble(new EvaluationOutcome(account, terms, ref, status, violations, adjustment, fired,
                null));
    }

    private static Comparator<Violation> violationOrder(AccountSnapshot snapshot) {
        List<String> ids = snapshot.positions().stream().map(Position::positionId).toList();
        return Comparator.comparing(Violation::code)
                .thenComparingInt(v -> v.positionId() == null ? -1 : ids.indexOf(v.positionId()))
                .thenComparing(Violation::rule, Comparator.nullsFirst(Comparator.naturalOrder()));
    }
}
