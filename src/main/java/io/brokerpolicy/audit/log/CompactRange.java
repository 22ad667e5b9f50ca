package io.brokerpolicy.audit.log;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The state of a growing log in O(log n) hashes: the perfect subtrees that cover leaves [0, size), one per
 * set bit of the size, largest first (a "compact range" in Trillian's terms). Appending a leaf joins the
 * subtrees it completes, on average one, so the cost of an append does not depend on the size of the log;
 * the root at this size is the fold of the subtrees. Not thread-safe: one sequencer owns it.
 */
public final class CompactRange {

    /** Receives every subtree an append completes, so a store can keep the hashes that proofs are made of. */
    @FunctionalInterface
    public interface NodeSink {
        void completed(NodeId node, byte[] hash);
    }

    private long size;
    private final List<byte[]> subtrees;

    private CompactRange(long size, List<byte[]> subtrees) {
        this.size = size;
        this.subtrees = subtrees;
    }

    public static CompactRange empty() {
        return new CompactRange(0, new ArrayList<>());
    }

    /** The perfect subtrees to read back from a store to resume a log of {@code size} leaves. */
    public static List<NodeId> frontier(long size) {
        return size == 0 ? List.of() : NodeId.rangeNodes(0, size);
    }

    /** Resumes a log of {@code size} leaves from the hashes of its {@link #frontier}, in that order. */
    public static CompactRange resume(long size, List<byte[]> frontierHashes) {
        if (size < 0 || frontierHashes.size() != Long.bitCount(size)) {
            throw new IllegalArgumentException("a log of " + size + " leaves has " + Long.bitCount(size)
                    + " frontier subtrees, not " + frontierHashes.size());
        }
        List<byte[]> copy = new ArrayList<>(frontierHashes.size() + 1);
        for (byte[] hash : frontierHashes) {
            copy.add(checked(hash));
        }
        return new CompactRange(size, copy);
    }

    /** Appends one leaf hash at index {@link #size()}; the sink hears of each subtree it completes (level 1 and up). */
    public long append(byte[] leafHash, NodeSink sink) {
        long index = size;
        byte[] hash = checked(leafHash);
        subtrees.add(hash);
        // The subtrees to join are those the carry of size + 1 runs through: one per trailing 1 bit of the index.
        for (int level = 1; ((index >>> (level - 1)) & 1) == 1; level++) {
            byte[] right = subtrees.remove(subtrees.size() - 1);
            byte[] left = subtrees.remove(subtrees.size() - 1);
            hash = MerkleHashing.nodeHash(left, right);
            subtrees.add(hash);
            sink.completed(new NodeId(level, index >>> level), hash);
        }
        size = index + 1;
        return index;
    }

    public long size() {
        return size;
    }

    /** MTH of the leaves so far (RFC 9162 §2.1.1); the hash of the empty string for an empty log. */
    public byte[] root() {
        return MerkleTree.fold(subtrees);
    }

    /** The frontier hashes, largest subtree first, matching {@link #frontier(long)} of {@link #size()}. */
    public List<byte[]> frontierHashes() {
        List<byte[]> copy = new ArrayList<>(subtrees.size());
        subtrees.forEach(h -> copy.add(h.clone()));
        return copy;
    }

    public CompactRange copy() {
        return resume(size, frontierHashes());
    }

    private static byte[] checked(byte[] hash) {
        if (hash == null || hash.length != MerkleHashing.HASH_SIZE) {
            throw new IllegalArgumentException("a tree hash has " + MerkleHashing.HASH_SIZE + " bytes, not "
                    + (hash == null ? "none" : hash.length));
        }
        return Arrays.copyOf(hash, hash.length);
    }
}
