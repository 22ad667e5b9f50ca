package io.brokerpolicy.engine;

import io.brokerpolicy.domain.AccountSnapshot;
import io.brokerpolicy.domain.CurrentMaintenanceMargin;
import io.brokerpolicy.domain.CurrentMargin;
import io.brokerpolicy.domain.EvaluationOutcome;
import io.brokerpolicy.domain.MaintenanceMarginAccount;
import io.brokerpolicy.domain.MarginAccount;
import io.brokerpolicy.domain.NegativeBalanceAdjustment;
import io.brokerpolicy.domain.PolicyRef;
import io.brokerpolicy.domain.Position;
import io.brokerpolicy.domain.PositionState;
import io.brokerpolicy.domain.StatusDecision;
import io.brokerpolicy.domain.Verdict;
import io.brokerpolicy.domain.VerdictAssembler;
import io.brokerpolicy.domain.Violation;
import io.brokerpolicy.domain.policy.PolicyBook;
import io.brokerpolicy.domain.policy.ResolvedPolicy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.kie.api.KieBase;
import org.kie.api.runtime.KieSession;

/**
 * One policy version, compiled once and evaluated many times: its rule base, its parameters and
 * where each rule was written. Immutable and safe to share between threads; each evaluation gets a
 * session of its own, disposed when done.
 */
public final class CompiledPolicy {

    private final long version;
    private final PolicyBundle bundle;
    private final KieBase kieBase;
    private final PolicyBook book;
    private final Map<String, String> fileByRule;
    private final int maxRuleFirings;
    private final long maxEvaluationMillis;

    CompiledPolicy(long version, PolicyBundle bundle, KieBase kieBase, PolicyBook book,
                   Map<String, String> fileByRule, int maxRuleFirings, long maxEvaluationMillis) {
        this.version = version;
        this.bundle = bundle;
        this.kieBase = kieBase;
        this.book = book;
        this.fileByRule = Map.copyOf(fileByRule);
        this.maxRuleFirings = maxRuleFirings;
        this.maxEvaluationMillis = maxEvaluationMillis;
    }

    public long version() {
        return version;
    }

    public String hash() {
        return bundle.hash();
    }

    public PolicyBundle bundle() {
        return bundle;
    }

    public PolicyBook book() {
        return book;
    }

    /** The same compiled rules under another version number (a bundle identical to one already compiled). */
    public CompiledPolicy withVersion(long newVersion) {
        return new CompiledPolicy(newVersion, bundle, kieBase, book, fileByRule, maxRuleFirings, maxEvaluationMillis);
    }

    /**
     * Evaluates one snapshot: resolves the terms for its broker and account type, lets the rules decide
     * status, close-outs and violations, and assembles the verdict.
     *
     * @throws io.brokerpolicy.domain.policy.PolicyNotFoundException when the policy has no entry for the account
     * @throws EvaluationException when the rules decide no status, several, or run past the firing bound
     */
    public Verdict evaluate(AccountSnapshot snapshot) {
        ResolvedPolicy resolved = book.resolve(snapshot);
        List<PositionState> states = new ArrayList<>(snapshot.positions().size());
        for (Position position : snapshot.positions()) {
            states.add(new PositionState(position, resolved.capFor(position), resolved.bracketsFor(position)));
        }
        MarginAccount account = new MarginAccount(snapshot, states);
        MaintenanceMarginAccount maintenance = resolved.terms().isMaintenanceMarginModel()
                ? new MaintenanceMarginAccount(account) : null;
        KieSession session = kieBase.newKieSession();
        RuleTrace trace = new RuleTrace(fileByRule, System.nanoTime() + maxEvaluationMillis * 1_000_000);
        try {
            session.addEventListener(trace);
            session.insert(resolved.terms());
            session.insert(account);
            session.insert(new CurrentMargin(account));
            if (maintenance != null) {
                session.insert(maintenance);
                session.insert(new CurrentMaintenanceMargin(maintenance));
            }
            for (PositionState state : states) {
                session.insert(state);
            }
            int fired = fire(session);
            if (trace.timedOut()) {
                throw new EvaluationException("rule evaluation stopped after " + maxEvaluationMillis + " ms (the time"
                        + " limit) and " + fired + " rule firings: the rules do not come to rest for this snapshot");
            }
            if (fired >= maxRuleFirings) {
                throw new EvaluationException("rule evaluation stopped at its bound of " + maxRuleFirings
                        + " rule firings: the rules do not come to rest for this snapshot");
            }
            List<StatusDecision> statuses = facts(session, StatusDecision.class);
            if (statuses.size() != 1) {
                throw new EvaluationException("the rules must decide exactly one status, they decided "
                        + statuses.stream().map(s -> s.status() + " (" + s.rule() + ")").toList());
            }
            List<Violation> violations = new ArrayList<>(facts(session, Violation.class));
            violations.sort(violationOrder(snapshot));
            List<NegativeBalanceAdjustment> adjustments = facts(session, NegativeBalanceAdjustment.class);
            PolicyRef ref = new PolicyRef(version, bundle.hash(), resolved.terms().policyFile(),
                    resolved.terms().brokerId(), resolved.terms().accountType());
            return VerdictAssembler.assemble(new EvaluationOutcome(account, resolved.terms(), ref, statuses.get(0),
                    violations, adjustments.isEmpty() ? null : adjustments.get(0), trace.fired(), maintenance));
        } finally {
            session.dispose();
        }
    }

    /** Fires the rules; a rule that throws is an evaluation error naming the rule, not an internal failure. */
    private int fire(KieSession session) {
        try {
            return session.fireAllRules(maxRuleFirings);
        } catch (RuntimeException e) {
            Throwable cause = e;
            while (cause.getCause() != null && cause.getCause() != cause) {
                cause = cause.getCause();
            }
            throw new EvaluationException("a rule failed while evaluating: " + e.getMessage()
                    + (cause != e ? " (" + cause.getMessage() + ")" : ""));
        }
    }

    private static <T> List<T> facts(KieSession session, Class<T> type) {
        List<T> found = new ArrayList<>();
        for (Object fact : session.getObjects(type::isInstance)) {
            found.add(type.cast(fact));
        }
        return found;
    }

    /** Working memory has no order: violations are reported by code, then in the snapshot's position order. */
    private static Comparator<Violation> violationOrder(AccountSnapshot snapshot) {
        List<String> ids = snapshot.positions().stream().map(Position::positionId).toList();
        return Comparator.comparing(Violation::code)
                .thenComparingInt(v -> v.positionId() == null ? -1 : ids.indexOf(v.positionId()))
                .thenComparing(Violation::rule, Comparator.nullsFirst(Comparator.naturalOrder()));
    }
}
