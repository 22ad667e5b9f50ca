package io.brokerpolicy.audit.log;

import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;

/**
 * Checks the log's rows against every signed checkpoint, one leaf at a time in leaf order, holding
 * O(log n) hashes and one batch of the outside copy's leaf hashes whatever the size of the log. For each
 * leaf, in this order:
 * <ol>
 *   <li>it is the next index (a gap is a leaf removed from the log);</li>
 *   <li>its row exists and is whole (a deleted row, a search column that no longer matches the record);</li>
 *   <li>the row hashes to the leaf hash the checkpoint folder recorded when it was logged (a row changed,
 *       even with every hash in the database recomputed after it);</li>
 *   <li>the row hashes to the leaf hash stored beside it in the database;</li>
 *   <li>at each checkpoint's size, the root of the leaves so far is the signed root.</li>
 * </ol>
 * Then no checkpoint and no outside leaf hash may lie beyond the last leaf (rows removed at the end, a
 * database restored from an older dump). The first failure is the answer, naming the first bad leaf.
 */
public final class LogAudit {

    /** One leaf as read back: its index, the row it stands for, the hash of the row now, and the hash stored beside it. */
    public record Leaf(long index, String table, String id, byte[] recomputedHash, byte[] storedHash, String problem) {
    }

    /** Where the log breaks: the first bad leaf (null when the problem is not one leaf's), the row, and why. */
    public record Finding(Long leafIndex, String table, String id, String reason) {
    }

    public record Result(boolean ok, long checked, long treeSize, long checkpointsChecked, Finding brokenAt) {
    }

    private static final int FOLDER_BATCH = 4096;

    private final PublicKey publicKey;
    private final CheckpointFolder folder;
    private final PeekingCheckpoints checkpoints;
    private final CompactRange range = CompactRange.empty();
    private final long folderLeaves;
    private List<byte[]> folderBatch = List.of();
    private long folderBatchStart;
    private long checkpointsChecked;
    private long lastMatchedSize;
    private Finding broken;

    public LogAudit(PublicKey publicKey, Iterator<CheckpointEntry> checkpoints, CheckpointFolder folder) {
        this(publicKey, checkpoints, folder, folder == null ? 0 : folder.leafCount());
    }

    /**
     * @param checkpoints  every checkpoint known (database and folder), in increasing tree size; equal sizes may repeat
     * @param folder       the outside copy of the leaf hashes, or null when there is none
     * @param folderLeaves how many of the folder's leaf hashes to check against: those it held when the rows
     *                     were read (the log grows while it is checked)
     */
    public LogAudit(PublicKey publicKey, Iterator<CheckpointEntry> checkpoints, CheckpointFolder folder, long folderLeaves) {
        this.publicKey = publicKey;
        this.folder = folder;
        this.folderLeaves = folder == null ? 0 : Math.min(folderLeaves, folder.leafCount());
        this.checkpoints = new PeekingCheckpoints(checkpoints);
        checkCheckpointsAtCurrentSize();
    }

    /** Checks the next leaf; false once the log is found broken (then stop reading). */
    public boolean next(Leaf leaf) {
        if (broken != null) {
            return false;
        }
        long expected = range.size();
        if (leaf.index() != expected) {
            return fail(new Finding(expected, leaf.index() > expected ? null : leaf.table(), null, leaf.index() > expected
                    ? "leaf " + expected + (leaf.index() - 1 > expected ? " to " + (leaf.index() - 1) : "")
                    + " missing from the log: removed after they were logged"
                    : "leaf " + leaf.index() + " appears twice"));
        }
        if (leaf.problem() != null) {
            return fail(at(leaf, leaf.problem()));
        }
        byte[] logged = folderHash(expected);
        if (logged != null && !MessageDigest.isEqual(logged, leaf.recomputedHash())) {
            return fail(at(leaf, "the row hashes to " + b64(leaf.recomputedHash()) + ", but the checkpoint folder recorded "
                    + b64(logged) + " when it was logged: the row was changed afterwards"));
        }
        if (leaf.storedHash() != null && !MessageDigest.isEqual(leaf.storedHash(), leaf.recomputedHash())) {
            return fail(at(leaf, "the row hashes to " + b64(leaf.recomputedHash()) + ", not to its stored leaf hash "
                    + b64(leaf.storedHash()) + ": the row was changed after it was logged"));
        }
        range.append(leaf.recomputedHash(), (node, hash) -> { });
        return checkCheckpointsAtCurrentSize();
    }

    /** After the last leaf: nothing signed or recorded outside may lie beyond it. */
    public Result finish() {
        if (broken == null) {
            long size = range.size();
            if (checkpoints.peek() != null) {
                CheckpointEntry beyond = checkpoints.peek();
                fail(new Finding(size, null, null, "the checkpoint of tree size " + beyond.treeSize() + " (signed "
                        + beyond.timestamp() + ") covers " + beyond.treeSize() + " leaves, but the database holds "
                        + size + ": leaves from " + size + " on were removed or the database was restored from an older copy"));
            } else if (folderLeaves > size) {
                fail(new Finding(size, null, null, "the checkpoint folder recorded " + folderLeaves
                        + " leaves, but the database holds " + size + ": leaves from " + size + " on were removed"));
            }
        }
        return new Result(broken == null, range.size(), range.size(), checkpointsChecked, broken);
    }

    /** The root of the leaves checked so far. */
    public byte[] root() {
        return range.root();
    }

    public long size() {
        return range.size();
    }

    private boolean checkCheckpointsAtCurrentSize() {
        CheckpointEntry next = checkpoints.peek();
        while (next != null && next.treeSize() <= range.size()) {
            checkpoints.take();
            if (!next.signed().verifiedBy(publicKey)) {
                return fail(new Finding(null, "audit_checkpoint", Long.toString(next.treeSize()), "the checkpoint of tree size "
                        + next.treeSize() + " is not signed by the log's key: it was forged or damaged"));
            }
            if (next.treeSize() < range.size()) {
                // only when the iterator was not sorted: a caller's bug, not tampering
                throw new IllegalStateException("checkpoints out of order at tree size " + next.treeSize());
            }
            if (!MessageDigest.isEqual(next.rootHash(), range.root())) {
                long first = lastMatchedSize;
                return fail(new Finding(first, null, null, "the leaves " + first + " to " + (next.treeSize() - 1)
                        + " do not give the root signed by the checkpoint of tree size " + next.treeSize() + " (signed "
                        + next.timestamp() + "): one of them was changed, removed or put in between"));
            }
            checkpointsChecked++;
            lastMatchedSize = next.treeSize();
            next = checkpoints.peek();
        }
        return true;
    }

    private byte[] folderHash(long index) {
        if (folder == null || index >= folderLeaves) {
            return null;
        }
        if (index < folderBatchStart || index >= folderBatchStart + folderBatch.size()) {
            folderBatchStart = index;
            folderBatch = folder.leafHashes(index, FOLDER_BATCH);
        }
        return folderBatch.get((int) (index - folderBatchStart));
    }

    private boolean fail(Finding finding) {
        broken = finding;
        return false;
    }

    private static Finding at(Leaf leaf, String reason) {
        return new Finding(leaf.index(), leaf.table(), leaf.id(), reason);
    }

    private static String b64(byte[] hash) {
        return Base64.getEncoder().encodeToString(hash);
    }

    /** Merges nothing itself: the caller passes one sorted sequence; this only looks one ahead. */
    private static final class PeekingCheckpoints {
        private final Iterator<CheckpointEntry> source;
        private CheckpointEntry next;

        PeekingCheckpoints(Iterator<CheckpointEntry> source) {
            this.source = source;
            this.next = source.hasNext() ? source.next() : null;
        }

        CheckpointEntry peek() {
            return next;
        }

        void take() {
            next = source.hasNext() ? source.next() : null;
        }
    }

    /** Merges sorted sequences of checkpoints (the database's and the folder's) into one sorted sequence. */
    public static Iterator<CheckpointEntry> merged(List<Iterator<CheckpointEntry>> sorted) {
        List<PeekingCheckpoints> sources = new ArrayList<>();
        sorted.forEach(s -> sources.add(new PeekingCheckpoints(s)));
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return sources.stream().anyMatch(s -> s.peek() != null);
            }

            @Override
            public CheckpointEntry next() {
                PeekingCheckpoints smallest = null;
                for (PeekingCheckpoints source : sources) {
                    if (source.peek() != null && (smallest == null || source.peek().treeSize() < smallest.peek().treeSize())) {
                        smallest = source;
                    }
                }
                if (smallest == null) {
                    throw new java.util.NoSuchElementException();
                }
                CheckpointEntry taken = smallest.peek();
                smallest.take();
                return taken;
            }
        };
    }
}
