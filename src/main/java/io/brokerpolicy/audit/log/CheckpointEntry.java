package io.brokerpolicy.audit.log;

import java.time.Instant;
import java.util.List;

/**
 * A signed checkpoint as the log keeps it: the signed note, when it was signed (not signed itself: a
 * checkpoint's time is what witnesses attest when they cosign it), and the compact range at its size, from
 * which the log can resume appending after a restart without trusting the database.
 */
public record CheckpointEntry(SignedCheckpoint signed, Instant timestamp, List<byte[]> frontier) {

    public CheckpointEntry {
        frontier = List.copyOf(frontier);
    }

    public long treeSize() {
        return signed.checkpoint().treeSize();
    }

    public byte[] rootHash() {
        return signed.checkpoint().rootHash();
    }
}
