package io.brokerpolicy.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.brokerpolicy.audit.AuditHashes;
import io.brokerpolicy.audit.StoredVerdict;
import io.brokerpolicy.config.BrokerPolicyConfig;
import io.brokerpolicy.domain.AccountSnapshot;
import io.brokerpolicy.domain.Verdict;
import io.brokerpolicy.engine.CompiledPolicy;
import io.brokerpolicy.intake.SnapshotParser;
import io.brokerpolicy.intake.SnapshotReader;
import io.brokerpolicy.persistence.GroupCommit;
import io.brokerpolicy.persistence.VerdictStore;
import io.brokerpolicy.policy.ActivePolicy;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The evaluation flow: validate the snapshot, answer a snapshotId seen before with its stored verdict,
 * otherwise evaluate under the active version (taken once, so one version decides all of it) and store
 * the verdict in the audit chain. The caller answers only after {@link VerdictStore} has committed.
 */
@ApplicationScoped
public class EvaluationService {

    @Inject
    ActivePolicy active;
    @Inject
    VerdictStore store;
    @Inject
    GroupCommit groupCommit;
    @Inject
    Clock clock;
    @Inject
    BrokerPolicyConfig config;
    @Inject
    EvaluationMetrics metrics;

    /** The most snapshots one batch request may hold. */
    public static final int MAX_BATCH = 10_000;

    private SnapshotReader reader;

    @PostConstruct
    void init() {
        reader = new SnapshotReader(new SnapshotParser(clock, config.maxPositions()), MAX_BATCH);
    }

    /** One snapshot as the request body carries it, read without a JSON tree. */
    public StoredVerdict evaluate(String body) throws JsonProcessingException {
        SnapshotReader.Read read = reader.readOne(body);
        return evaluate(read.snapshot(), read.json());
    }

    private StoredVerdict evaluate(AccountSnapshot snapshot, String canonical) {
        String hash = AuditHashes.sha256(canonical);
        // No lookup before evaluating: the append finds a snapshotId stored before (in the same query that
        // checks the whole group) and answers the stored verdict. Only when this snapshot cannot be evaluated
        // now is the store asked first, so a replay is answered as before even under a policy that changed.
        Verdict verdict;
        // How long the rules took, for the decision log: a duration from the monotonic timer, never the
        // Clock, and not part of the decision.
        long started = System.nanoTime();
        try {
            verdict = active.get().policy().evaluate(snapshot);
        } catch (RuntimeException cannotEvaluate) {
            Optional<StoredVerdict> existing = store.existing(snapshot.snapshotId(), hash);
            if (existing.isPresent()) {
                return existing.get();
            }
            throw cannotEvaluate;
        }
        long nanos = System.nanoTime() - started;
        StoredVerdict stored = groupCommit.store(new VerdictStore.Evaluated(snapshot, canonical, hash, verdict, nanos / 1_000));
        metrics.evaluated(snapshot, verdict, nanos);
        return stored;
    }

    /**
     * A batch is validated whole before anything is evaluated: one bad snapshot refuses the batch with the
     * index of each problem, and nothing is stored. Then all are evaluated under one version and stored in
     * one transaction.
     */
    public List<StoredVerdict> evaluateBatch(String body, boolean ndjson) throws JsonProcessingException {
        List<SnapshotReader.Read> reads = reader.readBatch(body, ndjson);
        List<AccountSnapshot> snapshots = reads.stream().map(SnapshotReader.Read::snapshot).toList();
        CompiledPolicy policy = active.get().policy();
        List<Verdict> verdicts = policy.evaluateAll(snapshots);
        List<VerdictStore.Evaluated> evaluated = new ArrayList<>(reads.size());
        for (int i = 0; i < reads.size(); i++) {
            String canonical = reads.get(i).json();
            // A batch shares one session, so no evaluation has a duration of its own: evaluationMicros stays absent.
            evaluated.add(new VerdictStore.Evaluated(snapshots.get(i), canonical, AuditHashes.sha256(canonical),
                    verdicts.get(i)));
        }
        List<StoredVerdict> stored = store.append(evaluated);
        metrics.evaluatedBatch(snapshots, verdicts);
        return stored;
    }
}
