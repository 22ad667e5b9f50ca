package io.brokerpolicy.audit.log;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Proof generation of RFC 9162 (§2.1.3.1 PATH, §2.1.4.1 SUBPROOF), written as plans: which leaf ranges
 * a proof is made of, each one the fold of a few stored subtree hashes. A store fetches every node of a
 * plan in one read ({@link #nodesOf}) and {@link #resolve} turns the plan into the proof's hashes.
 */
public final class MerkleTree {

    private MerkleTree() {
    }

    /** The ranges whose hashes form the audit path of leaf {@code index} in a tree of {@code size} leaves, leaf side first. */
    public static List<NodeRange> inclusionPlan(long index, long size) {
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException("leaf " + index + " is not in a tree of " + size + " leaves");
        }
        List<NodeRange> fromTop = new ArrayList<>();
        long lo = 0;
        long hi = size;
        while (hi - lo > 1) {
            long k = largestPowerOfTwoBelow(hi - lo);
            if (index < lo + k) {
                fromTop.add(new NodeRange(lo + k, hi));
                hi = lo + k;
            } else {
                fromTop.add(new NodeRange(lo, lo + k));
                lo += k;
            }
        }
        Collections.reverse(fromTop);
        return fromTop;
    }

    /** The ranges whose hashes prove the tree of {@code second} leaves extends the tree of {@code first} leaves. */
    public static List<NodeRange> consistencyPlan(long first, long second) {
        if (first < 0 || second < first) {
            throw new IllegalArgumentException("no consistency proof from " + first + " to " + second + " leaves");
        }
        List<NodeRange> fromTop = new ArrayList<>();
        if (first == 0 || first == second) {
            return fromTop;
        }
        long lo = 0;
        long hi = second;
        boolean startIsKnown = true;
        while (first != hi) {
            long k = largestPowerOfTwoBelow(hi - lo);
            if (first <= lo + k) {
                fromTop.add(new NodeRange(lo + k, hi));
                hi = lo + k;
            } else {
                fromTop.add(new NodeRange(lo, lo + k));
                lo += k;
                startIsKnown = false;
            }
        }
        if (!startIsKnown) {
            fromTop.add(new NodeRange(lo, hi));
        }
        Collections.reverse(fromTop);
        return fromTop;
    }

    /** Every stored subtree a plan needs, each once. */
    public static Set<NodeId> nodesOf(List<NodeRange> plan) {
        Set<NodeId> nodes = new LinkedHashSet<>();
        plan.forEach(range -> nodes.addAll(range.nodes()));
        return nodes;
    }

    /** The proof's hashes, from the hashes of {@link #nodesOf} the plan. */
    public static List<byte[]> resolve(List<NodeRange> plan, Map<NodeId, byte[]> nodes) {
        List<byte[]> proof = new ArrayList<>(plan.size());
        for (NodeRange range : plan) {
            List<byte[]> hashes = new ArrayList<>();
            for (NodeId node : range.nodes()) {
                byte[] hash = nodes.get(node);
                if (hash == null) {
                    throw new IllegalStateException("the hash of subtree " + node + " is not stored");
                }
                hashes.add(hash);
            }
            proof.add(fold(hashes));
        }
        return proof;
    }

    /**
     * The hash of consecutive perfect subtrees, largest first, as RFC 9162 hashes the leaves they cover:
     * the last two are joined first, then each earlier one on the left.
     */
    public static byte[] fold(List<byte[]> subtrees) {
        if (subtrees.isEmpty()) {
            return MerkleHashing.emptyRoot();
        }
        byte[] hash = subtrees.get(subtrees.size() - 1);
        for (int i = subtrees.size() - 2; i >= 0; i--) {
            hash = MerkleHashing.nodeHash(subtrees.get(i), hash);
        }
        return hash;
    }

    static long largestPowerOfTwoBelow(long n) {
        return Long.highestOneBit(n - 1);
    }
}
