package io.brokerpolicy.audit;

/** A snapshotId that was already evaluated arrives again with different content. */
public class SnapshotConflictException extends RuntimeException {

    public SnapshotConflictException(String snapshotId) {
        super("snapshotId '" + snapshotId + "' was already evaluated with different content; a snapshotId names one"
                + " snapshot, so send a changed snapshot under a new snapshotId");
    }
}
