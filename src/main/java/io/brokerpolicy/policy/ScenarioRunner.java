package io.brokerpolicy.policy;

import io.brokerpolicy.bundle.Scenario;
import io.brokerpolicy.bundle.ScenarioParser;
import io.brokerpolicy.config.Defaults;
import io.brokerpolicy.domain.CloseOutStep;
import io.brokerpolicy.domain.Verdict;
import io.brokerpolicy.domain.Violation;
import io.brokerpolicy.domain.policy.BundleError;
import io.brokerpolicy.domain.policy.PolicyNotFoundException;
import io.brokerpolicy.engine.CompiledPolicy;
import io.brokerpolicy.engine.EvaluationException;
import io.brokerpolicy.intake.InvalidRequestException;
import io.brokerpolicy.intake.SnapshotParser;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a bundle's scenarios against its compiled policy. A scenario that fails, or cannot run, is a
 * {@link BundleError} at the scenario's line that says which scenario and why: the same shape as a
 * compile error, so that a failing scenario blocks activation exactly as a broken rule does.
 */
public final class ScenarioRunner {

    private final SnapshotParser parser;
    private final long maxRunMillis;

    public ScenarioRunner(Clock clock) {
        this(clock, Defaults.maxScenarioRunMillis());
    }

    /** Runs scenarios for at most {@code maxRunMillis} a bundle; each evaluation keeps its own bound too. */
    public ScenarioRunner(Clock clock, long maxRunMillis) {
        this.parser = new SnapshotParser(clock);
        this.maxRunMillis = maxRunMillis;
    }

    /** How a run went: the scenarios run and the failures among them. */
    public record Report(int run, List<BundleError> failures) {
        public boolean passed() {
            return failures.isEmpty();
        }
    }

    /** Parses the bundle's scenario files and runs them; parse errors count as failures. */
    public Report run(CompiledPolicy policy) {
        ScenarioParser.Result parsed = new ScenarioParser().parse(policy.bundle().files());
        if (!parsed.errors().isEmpty()) {
            return new Report(0, parsed.errors());
        }
        return run(policy, parsed.scenarios());
    }

    public Report run(CompiledPolicy policy, List<Scenario> scenarios) {
        List<BundleError> failures = new ArrayList<>();
        long deadline = System.nanoTime() + maxRunMillis * 1_000_000;
        for (int i = 0; i < scenarios.size(); i++) {
            Scenario scenario = scenarios.get(i);
            if (System.nanoTime() - deadline > 0) {
                failures.add(new BundleError(scenario.file(), scenario.line(), "the scenarios did not finish within "
                        + maxRunMillis + " ms (brokerpolicy.engine.max-scenario-run-millis): " + i + " of "
                        + scenarios.size() + " ran, scenario '" + scenario.name() + "' and those after it did not"));
                return new Report(i, List.copyOf(failures));
            }
            String failure = outcome(policy, scenario).failure();
            if (failure != null) {
                failures.add(new BundleError(scenario.file(), scenario.line(),
                        "scenario '" + scenario.name() + "' failed: " + failure));
            }
        }
        return new Report(scenarios.size(), List.copyOf(failures));
    }

    /**
     * Every scenario's own outcome, passed ones included, with the rules it fired and how long it took: what
     * the command line's {@code test} reports. The same bound as {@link #run}: once the time is up, the
     * scenarios left fail as not run.
     */
    public List<ScenarioOutcome> runEach(CompiledPolicy policy, List<Scenario> scenarios) {
        List<ScenarioOutcome> outcomes = new ArrayList<>(scenarios.size());
        long deadline = System.nanoTime() + maxRunMillis * 1_000_000;
        for (Scenario scenario : scenarios) {
            if (System.nanoTime() - deadline > 0) {
                outcomes.add(new ScenarioOutcome(scenario, "did not run: the scenarios did not finish within "
                        + maxRunMillis + " ms (brokerpolicy.engine.max-scenario-run-millis)", List.of(), 0));
            } else {
                outcomes.add(outcome(policy, scenario));
            }
        }
        return List.copyOf(outcomes);
    }

    /** The scenario evaluated and checked; its failure is null when the verdict is what it expects. */
    private ScenarioOutcome outcome(CompiledPolicy policy, Scenario scenario) {
        long started = System.nanoTime();
        Verdict verdict;
        String failure;
        try {
            verdict = policy.evaluate(parser.parse(scenario.snapshot(), "snapshot"));
            failure = check(verdict, scenario);
        } catch (InvalidRequestException e) {
            return notEvaluated(scenario, started, "its snapshot is not valid: " + String.join("; ",
                    e.details().stream().map(d -> d.field() + " " + d.message()).toList()));
        } catch (PolicyNotFoundException | EvaluationException e) {
            return notEvaluated(scenario, started, "the policy could not evaluate it: " + e.getMessage());
        } catch (RuntimeException e) {
            return notEvaluated(scenario, started, "the policy could not evaluate it ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
        }
        return new ScenarioOutcome(scenario, failure, verdict.firedRules(), System.nanoTime() - started);
    }

    private static ScenarioOutcome notEvaluated(Scenario scenario, long started, String failure) {
        return new ScenarioOutcome(scenario, failure, List.of(), System.nanoTime() - started);
    }

    /** Why the verdict is not what the scenario expects, or null when it is. */
    private static String check(Verdict verdict, Scenario scenario) {
        List<String> problems = new ArrayList<>();
        if (verdict.status() != scenario.status()) {
            problems.add("expected status " + scenario.status() + ", got " + verdict.status() + " (" + levels(verdict) + ")");
        }
        if (scenario.closeOuts() != null) {
            List<String> actual = verdict.closeOuts().stream().map(CloseOutStep::positionId).toList();
            if (!actual.equals(scenario.closeOuts())) {
                problems.add("expected close-outs " + scenario.closeOuts() + ", got " + actual);
            }
        }
        if (scenario.violations() != null && !violationsMatch(scenario.violations(), verdict.violations())) {
            problems.add("expected violations " + scenario.violations() + ", got "
                    + verdict.violations().stream().map(ScenarioRunner::describe).toList());
        }
        return problems.isEmpty() ? null : String.join("; ", problems);
    }

    /** The figures that decided the status, under either margin model. */
    private static String levels(Verdict v) {
        if (v.maintenanceMargin() != null) {
            var m = v.maintenanceMargin();
            return "margin ratio " + percent(m.crossMarginRatio()) + ", margin call at " + percent(m.marginCallRatio())
                    + ", liquidation at " + percent(m.liquidationRatio());
        }
        return "margin level " + percent(v.marginLevel()) + ", margin call at " + percent(v.thresholds().marginCallLevel())
                + ", stop-out at " + percent(v.thresholds().stopOutLevel());
    }

    private static String percent(java.math.BigDecimal value) {
        return value == null ? "none" : value.toPlainString() + "%";
    }

    /** Each expected violation matches a reported one of its own, and nothing is left over. */
    private static boolean violationsMatch(List<Scenario.ExpectedViolation> expected, List<Violation> actual) {
        if (expected.size() != actual.size()) {
            return false;
        }
        List<Violation> left = new ArrayList<>(actual);
        // the ones naming a position first, so that a bare code does not take a position-specific match
        List<Scenario.ExpectedViolation> ordered = new ArrayList<>(expected);
        ordered.sort((a, b) -> Boolean.compare(a.positionId() == null, b.positionId() == null));
        for (Scenario.ExpectedViolation want : ordered) {
            Violation match = left.stream()
                    .filter(v -> v.code().equals(want.code())
                            && (want.positionId() == null || want.positionId().equals(v.positionId())))
                    .findFirst().orElse(null);
            if (match == null) {
                return false;
            }
            left.remove(match);
        }
        return true;
    }

    private static String describe(Violation v) {
        return v.positionId() == null ? v.code() : v.code() + "(" + v.positionId() + ")";
    }
}
