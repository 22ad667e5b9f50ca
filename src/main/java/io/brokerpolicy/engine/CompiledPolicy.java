package io.brokerpolicy.engine;

import io.brokerpolicy.bundle.PolicyBundle;
import io.brokerpolicy.domain.AccountSnapshot;
import io.brokerpolicy.domain.CurrentMaintenanceMargin;
import io.brokerpolicy.domain.CurrentMargin;
import io.brokerpolicy.domain.EvaluationOutcome;
import io.brokerpolicy.domain.FiredRule;
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
import io.brokerpolicy.domain.policy.PolicyNotFoundException;
import io.brokerpolicy.domain.policy.ResolvedPolicy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.kie.api.KieBase;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionsPool;
import org.kie.api.runtime.rule.FactHandle;

/**
 * One policy version, compiled once and evaluated many times: its rule base, its parameters and
 * where each rule was written. Immutable and safe to share between threads; each evaluation gets a
 * session of its own, borrowed from the version's pool and reset when given back.
 */
public final class CompiledPolicy {

    private final long version;
    private final PolicyBundle bundle;
    private final KieBase kieBase;
    private final PolicyBook book;
    private final Map<String, String> fileByRule;
    private final int maxRuleFirings;
    private final long maxEvaluationMillis;
    private final KieSessionsPool sessions;
    private final StandingTerms terms;
    /** The phases (agenda groups) in the order they run. */
    private final List<String> phases = FactCatalogue.standard().phaseNames();

    /**
     * How many snapshots of a batch share one session. A session that lives much longer gets slower
     * (measured here: one per 10,000 snapshots was 3-4x slower than one per 1,000).
     */
    static final int SNAPSHOTS_PER_SESSION = 1_000;
    private static final int POOLED_SESSIONS = 4;

    CompiledPolicy(long version, PolicyBundle bundle, KieBase kieBase, PolicyBook book,
                   Map<String, String> fileByRule, int maxRuleFirings, long maxEvaluationMillis) {
        this(version, bundle, kieBase, book, fileByRule, maxRuleFirings, maxEvaluationMillis,
                kieBase.newKieSessionsPool(POOLED_SESSIONS));
    }

    private CompiledPolicy(long version, PolicyBundle bundle, KieBase kieBase, PolicyBook book,
                           Map<String, String> fileByRule, int maxRuleFirings, long maxEvaluationMillis,
                           KieSessionsPool sessions) {
        this.sessions = sessions;
        this.maxEvaluationMillis = maxEvaluationMillis;
        this.version = version;
        this.bundle = bundle;
        this.kieBase = kieBase;
        this.book = book;
        this.terms = new StandingTerms(book);
        this.fileByRule = Map.copyOf(fileByRule);
        this.maxRuleFirings = maxRuleFirings;
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
        return new CompiledPolicy(newVersion, bundle, kieBase, book, fileByRule, maxRuleFirings, maxEvaluationMillis,
                sessions);
    }

    /** Every rule of this version with the file it was written in, sorted by file and name. */
    public List<FiredRule> rules() {
        return fileByRule.entrySet().stream()
                .map(e -> new FiredRule(e.getKey().substring(e.getKey().indexOf('/') + 1), e.getValue()))
                .sorted(Comparator.comparing(FiredRule::file).thenComparing(FiredRule::rule))
                .toList();
    }

    /**
     * Evaluates one snapshot: resolves the terms for its broker and account type, lets the rules decide
     * status, close-outs and violations, and assembles the verdict. The session comes from a pool and goes
     * back to it reset: a new session costs about a third of an evaluation.
     *
     * @throws io.brokerpolicy.domain.policy.PolicyNotFoundException when the policy has no entry for the account
     * @throws EvaluationException when the rules decide no status, several, or run past the firing bound
     */
    public Verdict evaluate(AccountSnapshot snapshot) {
        KieSession session = sessions.newKieSession();
        boolean clean = false;
        try {
            Verdict verdict = evaluateIn(session, snapshot);
            clean = true;
            return verdict;
        } catch (PolicyNotFoundException e) {
            clean = true; // refused before the session was touched
            throw e;
        } finally {
            release(session, clean);
        }
    }

    /**
     * Evaluates snapshots in order, each exactly as {@link #evaluate} would, reusing one session per
     * {@link #SNAPSHOTS_PER_SESSION}: every fact of a snapshot, the rules' own included, is deleted before the
     * next is inserted, so no snapshot sees another's facts. Fails as a whole on the first snapshot that fails.
     */
    public List<Verdict> evaluateAll(List<AccountSnapshot> snapshots) {
        List<Verdict> verdicts = new ArrayList<>(snapshots.size());
        KieSession session = null;
        boolean clean = false;
        try {
            for (int i = 0; i < snapshots.size(); i++) {
                if (i % SNAPSHOTS_PER_SESSION == 0) {
                    if (session != null) {
                        release(session, true);
                    }
                    session = sessions.newKieSession();
                }
                verdicts.add(evaluateIn(session, snapshots.get(i)));
                deleteAllFacts(session);
            }
            clean = true;
            return verdicts;
        } catch (PolicyNotFoundException e) {
            clean = true;
            throw e;
        } finally {
            if (session != null) {
                release(session, clean);
            }
        }
    }

    /**
     * A session goes back to the pool only after an evaluation that ended normally: one that was halted or failed
     * half-way may hold state (a pending halt, half-made findings) that no later evaluation must inherit.
     */
    private static void release(KieSession session, boolean clean) {
        if (clean) {
            session.dispose();
        } else {
            session.destroy();
        }
    }

    private Verdict evaluateIn(KieSession session, AccountSnapshot snapshot) {
        ResolvedPolicy resolved = terms.resolve(snapshot);
        List<PositionState> states = new ArrayList<>(snapshot.positions().size());
        for (Position position : snapshot.positions()) {
            states.add(new PositionState(position, resolved.capFor(position), resolved.bracketsFor(position),
                    resolved.quantityStepFor(position)));
        }
        MarginAccount account = new MarginAccount(snapshot, states);
        MaintenanceMarginAccount maintenance = resolved.terms().isMaintenanceMarginModel()
                ? new MaintenanceMarginAccount(account, resolved.terms().liquidationFeePercent()) : null;
        CurrentMargin current = new CurrentMargin(account);
        CurrentMaintenanceMargin currentMaintenance = maintenance == null ? null : new CurrentMaintenanceMargin(maintenance);
        long deadline = System.nanoTime() + maxEvaluationMillis * 1_000_000;
        RuleTrace trace = new RuleTrace(fileByRule, deadline);
        session.addEventListener(trace);
        int fired;
        try (EvaluationWatchdog.Running watched = EvaluationWatchdog.watch(session, deadline)) {
            session.setGlobal(RuleFileChecker.ACTIONS_GLOBAL, new RuleActions(account, maintenance, current,
                    currentMaintenance));
            for (int i = phases.size() - 1; i >= 0; i--) {
                session.getAgenda().getAgendaGroup(phases.get(i)).setFocus();
            }
            session.insert(resolved.terms());
            session.insert(account);
            session.insert(current);
            if (maintenance != null) {
                session.insert(maintenance);
                session.insert(currentMaintenance);
            }
            for (PositionState state : states) {
                session.insert(state);
            }
            fired = session.fireAllRules(maxRuleFirings);
            if (trace.timedOut() || watched.halted()) {
                throw new EvaluationException("rule evaluation stopped after " + maxEvaluationMillis + " ms (the time"
                        + " limit) and " + fired + " rule firings: the rules do not come to rest for this snapshot");
            }
        } catch (RuntimeException e) {
            throw asEvaluationError(e);
        } finally {
            session.removeEventListener(trace);
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
    }

    /** A rule that throws is an evaluation error naming the rule and the cause, never an internal failure. */
    private static EvaluationException asEvaluationError(RuntimeException e) {
        Throwable cause = e;
        while (cause != null) {
            if (cause instanceof EvaluationException evaluation) {
                return evaluation;
            }
            if (cause.getCause() == cause) {
                break;
            }
            cause = cause.getCause();
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return new EvaluationException("a rule failed while evaluating: " + e.getMessage()
                + (root != e ? " (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")" : ""));
    }

    private static void deleteAllFacts(KieSession session) {
        for (FactHandle handle : new ArrayList<FactHandle>(session.<FactHandle>getFactHandles())) {
            session.delete(handle);
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
