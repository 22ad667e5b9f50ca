package io.brokerpolicy.persistence;

import io.brokerpolicy.audit.VerdictRecord;
import java.util.Optional;
import java.util.UUID;

/** Looks up one stored verdict by its own id or by the snapshot it answered. */
public final class StoredVerdicts {

    private StoredVerdicts() {
    }

    public static Optional<VerdictRecord> byVerdictId(UUID verdictId) {
        return VerdictEntity.byVerdictId(verdictId).map(VerdictEntity::toRecord);
    }

    public static Optional<VerdictRecord> bySnapshotId(String snapshotId) {
        return VerdictEntity.bySnapshotId(snapshotId).map(VerdictEntity::toRecord);
    }
}
