package io.brokerpolicy.audit;

import io.brokerpolicy.api.Json;
import io.brokerpolicy.api.VerdictView;
import io.brokerpolicy.domain.AccountSnapshot;
import io.brokerpolicy.domain.Verdict;
import io.brokerpolicy.persistence.AuditChainHeadEntity;
import io.brokerpolicy.persistence.VerdictEntity;
import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Writes verdicts into the audit chain. A verdict is appended in one transaction with its chain link;
 * the caller answers only after that transaction has committed, so no answered verdict can be lost.
 */
@ApplicationScoped
public class VerdictStore {

    @Inject
    Clock clock;

    /** One evaluated snapshot, ready to be stored, with the time its evaluation took (null: not measured). */
    public record Evaluated(AccountSnapshot snapshot, String snapshotJson, String snapshotHash, Verdict verdict,
                            Long evaluationMicros) {

        public Evaluated(AccountSnapshot snapshot, String snapshotJson, String snapshotHash, Verdict verdict) {
            this(snapshot, snapshotJson, snapshotHash, verdict, null);
        }
    }

    /** The stored verdict of a snapshotId, if any; refuses a snapshotId reused for different content. */
    @Transactional
    public Optional<StoredVerdict> existing(String snapshotId, String snapshotHash) {
        return VerdictEntity.bySnapshotId(snapshotId).map(e -> asExisting(e, snapshotHash));
    }

    @Transactional
    public StoredVerdict store(Evaluated evaluated) {
        return append(List.of(evaluated)).get(0);
    }

    /**
     * Stores a batch in one transaction and one hold of the chain lock. A snapshotId already stored (or
     * repeated within the batch) is answered with the first verdict, not stored again.
     */
    @Transactional
    public List<StoredVerdict> append(List<Evaluated> batch) {
        AuditChainHeadEntity head = AuditChainHeadEntity.lockForAppend();
        java.util.Map<String, StoredVerdict> inThisBatch = new java.util.HashMap<>();
        java.util.Map<String, String> hashesInBatch = new java.util.HashMap<>();
        List<StoredVerdict> results = new java.util.ArrayList<>(batch.size());
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        for (Evaluated e : batch) {
            String snapshotId = e.snapshot().snapshotId();
            StoredVerdict earlier = inThisBatch.get(snapshotId);
            if (earlier != null) {
                if (!hashesInBatch.get(snapshotId).equals(e.snapshotHash())) {
                    throw new SnapshotConflictException(snapshotId);
                }
                results.add(new StoredVerdict(earlier.verdictId(), earlier.verdictJson(), false));
                continue;
            }
            Optional<VerdictEntity> stored = VerdictEntity.bySnapshotId(snapshotId);
            if (stored.isPresent()) {
                results.add(asExisting(stored.get(), e.snapshotHash()));
                continue;
            }
            VerdictEntity row = row(e, head, now);
            row.persist();
            head.lastSeq = row.chainSeq;
            head.lastHash = row.rowHash;
            StoredVerdict created = new StoredVerdict(row.verdictId.toString(), row.verdict, true);
            inThisBatch.put(snapshotId, created);
            hashesInBatch.put(snapshotId, e.snapshotHash());
            results.add(created);
        }
        return results;
    }

    private static StoredVerdict asExisting(VerdictEntity e, String snapshotHash) {
        if (!e.snapshotHash.equals(snapshotHash)) {
            throw new SnapshotConflictException(e.snapshotId);
        }
        return new StoredVerdict(e.verdictId.toString(), e.verdict, false);
    }

    private static VerdictEntity row(Evaluated e, AuditChainHeadEntity head, Instant now) {
        AccountSnapshot s = e.snapshot();
        Verdict v = e.verdict();
        VerdictEntity row = new VerdictEntity();
        row.chainSeq = head.lastSeq + 1;
        row.verdictId = UUID.randomUUID();
        row.snapshotId = s.snapshotId();
        row.snapshotHash = e.snapshotHash();
        row.accountId = s.accountId();
        row.brokerId = s.brokerId();
        row.accountType = s.accountType();
        row.status = v.status().name();
        row.policyVersion = v.policy().version();
        row.policyHash = v.policy().hash();
        row.asOf = s.asOf().truncatedTo(ChronoUnit.MICROS);
        row.evaluatedAt = now;
        row.snapshot = e.snapshotJson();
        row.verdict = write(VerdictView.of(row.verdictId.toString(), now, v, e.evaluationMicros()));
        row.prevHash = head.lastHash;
        row.rowHash = AuditHashes.ofVerdict(row);
        return row;
    }

    private static String write(Object value) {
        try {
            return Json.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a verdict could not be written as JSON", e);
        }
    }
}
