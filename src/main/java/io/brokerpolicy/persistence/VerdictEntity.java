package io.brokerpolicy.persistence;

import io.brokerpolicy.audit.VerdictRecord;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.annotations.ColumnTransformer;

/**
 * A stored verdict with its input snapshot, both as the exact JSON text that is hashed into the audit
 * log ({@code json} columns keep text byte for byte; {@code jsonb} would not).
 */
@Entity
@Table(name = "verdict")
public class VerdictEntity extends PanacheEntityBase {

    @Id
    @Column(name = "chain_seq")
    public long chainSeq;
    @Column(name = "verdict_id", nullable = false, unique = true)
    public UUID verdictId;
    @Column(name = "snapshot_id", nullable = false, unique = true)
    public String snapshotId;
    @Column(name = "snapshot_hash", nullable = false)
    public String snapshotHash;
    @Column(name = "account_id", nullable = false)
    public String accountId;
    @Column(name = "broker_id", nullable = false)
    public String brokerId;
    @Column(name = "account_type", nullable = false)
    public String accountType;
    @Column(nullable = false)
    public String status;
    @Column(name = "policy_version", nullable = false)
    public long policyVersion;
    @Column(name = "policy_hash", nullable = false)
    public String policyHash;
    @Column(name = "as_of", nullable = false)
    public Instant asOf;
    @Column(name = "evaluated_at", nullable = false)
    public Instant evaluatedAt;
    @Column(nullable = false, columnDefinition = "json")
    @ColumnTransformer(write = "?::json")
    public String snapshot;
    @Column(nullable = false, columnDefinition = "json")
    @ColumnTransformer(write = "?::json")
    public String verdict;
    /** The hash chain link of rows stored before the Merkle log; null for rows stored since. */
    @Column(name = "prev_hash")
    public String prevHash;
    @Column(name = "row_hash")
    public String rowHash;

    public static Optional<VerdictEntity> bySnapshotId(String snapshotId) {
        return find("snapshotId", snapshotId).firstResultOptional();
    }

    public static Optional<VerdictEntity> byVerdictId(UUID verdictId) {
        return find("verdictId", verdictId).firstResultOptional();
    }

    public VerdictRecord toRecord() {
        return new VerdictRecord(chainSeq, verdictId, snapshotId, snapshotHash, accountId, brokerId, accountType, status,
                policyVersion, policyHash, asOf, evaluatedAt, snapshot, verdict, prevHash, rowHash);
    }
}
