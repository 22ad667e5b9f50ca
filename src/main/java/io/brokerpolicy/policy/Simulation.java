package io.brokerpolicy.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.brokerpolicy.domain.AccountSnapshot;
import io.brokerpolicy.domain.CloseOutStep;
import io.brokerpolicy.domain.Verdict;
import io.brokerpolicy.domain.Violation;
import io.brokerpolicy.domain.policy.PolicyNotFoundException;
import io.brokerpolicy.engine.CompiledPolicy;
import io.brokerpolicy.engine.EvaluationException;
import io.brokerpolicy.intake.InvalidRequestException;
import io.brokerpolicy.intake.Json;
import io.brokerpolicy.intake.SnapshotParser;
import io.brokerpolicy.persistence.SnapshotHistory;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a candidate version would change: each stored snapshot is evaluated under the version now
 * active (the baseline) and under the candidate, and every snapshot whose outcome (status, close-outs in
 * order, violations) differs is reported. Comparing two evaluations of the same input, rather than the
 * stored verdict, isolates the effect of the policy change from whatever version judged the snapshot
 * then. Nothing is stored.
 */
public final class Simulation {

    /** The parts of a verdict a risk team decides on. */
    public record Outcome(String status, List<String> closeOuts, List<String> violations) {
        static Outcome of(Verdict v) {
            return new Outcome(v.status().name(), v.closeOuts().stream().map(CloseOutStep::positionId).toList(),
                    v.violations().stream().map(Simulation::describe).toList());
        }
    }

    public record Change(String snapshotId, String accountId, Outcome old, Outcome candidate) {
    }

    public record Failure(String snapshotId, String accountId, String message) {
    }

    public record Report(long version, long baselineVersion, int evaluated, int changed,
                         Map<String, Integer> transitions, List<Change> changes, List<Failure> failures) {
    }

    private final SnapshotParser parser;

    public Simulation(Clock clock) {
        // stored snapshots were valid when stored; the position limit is not a reason to skip them now
        this.parser = new SnapshotParser(clock, Integer.MAX_VALUE);
    }

    public Report run(CompiledPolicy candidate, CompiledPolicy baseline, List<SnapshotHistory.StoredSnapshot> snapshots) {
        Map<String, Integer> transitions = new TreeMap<>();
        List<Change> changes = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        int evaluated = 0;
        for (SnapshotHistory.StoredSnapshot stored : snapshots) {
            AccountSnapshot snapshot;
            Outcome old;
            Outcome now;
            try {
                snapshot = parser.parse(Json.MAPPER.readTree(stored.json()), "");
            } catch (JsonProcessingException | InvalidRequestException e) {
                failures.add(new Failure(stored.snapshotId(), stored.accountId(), "stored snapshot unreadable: " + e.getMessage()));
                continue;
            }
            try {
                old = Outcome.of(baseline.evaluate(snapshot));
            } catch (PolicyNotFoundException | EvaluationException e) {
                old = new Outcome("ERROR", List.of(), List.of(e.getMessage()));
            }
            try {
                now = Outcome.of(candidate.evaluate(snapshot));
            } catch (PolicyNotFoundException | EvaluationException e) {
                now = new Outcome("ERROR", List.of(), List.of(e.getMessage()));
                failures.add(new Failure(stored.snapshotId(), stored.accountId(), "the candidate cannot evaluate it: "
                        + e.getMessage()));
            }
            evaluated++;
            transitions.merge(old.status() + " -> " + now.status(), 1, Integer::sum);
            if (!old.equals(now)) {
                changes.add(new Change(stored.snapshotId(), stored.accountId(), old, now));
            }
        }
        return new Report(candidate.version(), baseline.version(), evaluated, changes.size(), transitions, changes, failures);
    }

    private static String describe(Violation v) {
        return v.positionId() == null ? v.code() : v.code() + "(" + v.positionId() + ")";
    }
}
