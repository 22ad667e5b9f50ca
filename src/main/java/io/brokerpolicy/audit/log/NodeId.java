package io.brokerpolicy.audit.log;

import java.util.ArrayList;
import java.util.List;

/**
 * A perfect subtree of the log: the {@code 2^level} leaves from {@code index * 2^level} on. Level 0 is a
 * leaf. Every hash a proof or a root needs is the hash of such a subtree, or a fold of a few of them, so a
 * store that keeps these hashes answers any proof with O(log n) reads.
 */
public record NodeId(int level, long index) {

    public NodeId {
        if (level < 0 || level > 63 || index < 0) {
            throw new IllegalArgumentException("no such node: level " + level + ", index " + index);
        }
    }

    public long firstLeaf() {
        return index << level;
    }

    public long leafCount() {
        return 1L << level;
    }

    /**
     * The subtrees whose fold (right to left, {@link MerkleTree#fold}) is the RFC 9162 hash MTH of the
     * leaves [start, end): the binary decomposition of the range's size, largest first. RFC 9162 splits a
     * list at the largest power of two below its size, so every range it hashes starts at a multiple of
     * that power, and the decomposition is made of aligned subtrees.
     */
    public static List<NodeId> rangeNodes(long start, long end) {
        if (start < 0 || end <= start) {
            throw new IllegalArgumentException("empty or negative range [" + start + ", " + end + ")");
        }
        List<NodeId> nodes = new ArrayList<>(Long.bitCount(end - start));
        long at = start;
        for (int level = 63 - Long.numberOfLeadingZeros(end - start); level >= 0; level--) {
            if (((end - start) >>> level & 1) == 1) {
                if ((at & ((1L << level) - 1)) != 0) {
                    throw new IllegalArgumentException("range [" + start + ", " + end + ") is not aligned as RFC 9162 splits");
                }
                nodes.add(new NodeId(level, at >>> level));
                at += 1L << level;
            }
        }
        return nodes;
    }
}
