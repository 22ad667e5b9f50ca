package io.brokerpolicy.audit.log;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A log kept in memory the way the service keeps it in tables: leaf hashes plus every completed subtree. */
final class InMemoryLog {

    final List<byte[]> records = new ArrayList<>();
    final List<byte[]> leafHashes = new ArrayList<>();
    final Map<NodeId, byte[]> nodes = new HashMap<>();
    final CompactRange range = CompactRange.empty();

    long append(byte[] record) {
        byte[] leafHash = MerkleHashing.leafHash(record);
        records.add(record);
        leafHashes.add(leafHash);
        return range.append(leafHash, nodes::put);
    }

    static InMemoryLog ofSize(long size) {
        InMemoryLog log = new InMemoryLog();
        for (long i = 0; i < size; i++) {
            log.append(("record " + i).getBytes());
        }
        return log;
    }

    Map<NodeId, byte[]> fetch(Set<NodeId> wanted) {
        Map<NodeId, byte[]> found = new HashMap<>();
        for (NodeId id : wanted) {
            byte[] hash = id.level() == 0 ? leafHashes.get((int) id.index()) : nodes.get(id);
            if (hash != null) {
                found.put(id, hash);
            }
        }
        return found;
    }

    List<byte[]> inclusionProof(long index, long size) {
        List<NodeRange> plan = MerkleTree.inclusionPlan(index, size);
        return MerkleTree.resolve(plan, fetch(MerkleTree.nodesOf(plan)));
    }

    List<byte[]> consistencyProof(long first, long second) {
        List<NodeRange> plan = MerkleTree.consistencyPlan(first, second);
        return MerkleTree.resolve(plan, fetch(MerkleTree.nodesOf(plan)));
    }

    /** MTH straight from its definition in RFC 9162 §2.1.1, over the first {@code size} leaves. */
    byte[] referenceRoot(int size) {
        return mth(leafHashes.subList(0, size));
    }

    static byte[] mth(List<byte[]> leaves) {
        if (leaves.isEmpty()) {
            return MerkleHashing.emptyRoot();
        }
        if (leaves.size() == 1) {
            return leaves.get(0);
        }
        int k = Integer.highestOneBit(leaves.size() - 1);
        return MerkleHashing.nodeHash(mth(leaves.subList(0, k)), mth(leaves.subList(k, leaves.size())));
    }
}
