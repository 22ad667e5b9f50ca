package io.brokerpolicy.audit;

import java.time.Instant;
import java.util.UUID;

/**
 * One stored verdict exactly as it sits in the audit record: the input snapshot and the verdict as the
 * JSON text that was hashed, the columns compliance searches by, and its link in the chain. Persistence
 * maps its rows to this type; nothing above persistence sees a database entity.
 */
public record VerdictRecord(long chainSeq, UUID verdictId, String snapshotId, String snapshotHash, String accountId,
                            String brokerId, String accountType, String status, long policyVersion, String policyHash,
                            Instant asOf, Instant evaluatedAt, String snapshot, String verdict, String prevHash,
                            String rowHash) {

    /** This record placed in the chain after the link {@code prevHash}, hashed as {@link AuditHashes#ofVerdict} says. */
    public VerdictRecord linkedAfter(long seq, String previousHash) {
        VerdictRecord unhashed = new VerdictRecord(seq, verdictId, snapshotId, snapshotHash, accountId, brokerId,
                accountType, status, policyVersion, policyHash, asOf, evaluatedAt, snapshot, verdict, previousHash, null);
        return unhashed.withRowHash(AuditHashes.ofVerdict(unhashed));
    }

    /** The same record showing another account id: exports that leave compliance mask it. */
    public VerdictRecord withAccountId(String shownAccountId) {
        return new VerdictRecord(chainSeq, verdictId, snapshotId, snapshotHash, shownAccountId, brokerId, accountType,
                status, policyVersion, policyHash, asOf, evaluatedAt, snapshot, verdict, prevHash, rowHash);
    }

    private VerdictRecord withRowHash(String hash) {
        return new VerdictRecord(chainSeq, verdictId, snapshotId, snapshotHash, accountId, brokerId, accountType,
                status, policyVersion, policyHash, asOf, evaluatedAt, snapshot, verdict, prevHash, hash);
    }
}
