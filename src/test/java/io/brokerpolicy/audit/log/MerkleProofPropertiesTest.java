package io.brokerpolicy.audit.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * For logs of random sizes: the incremental root is the root of RFC 9162's definition, every inclusion and
 * consistency proof built from stored subtrees verifies, and flipping one bit anywhere (the leaf, a proof
 * hash, a root) or naming another index or size makes it fail.
 */
class MerkleProofPropertiesTest {

    @Property(tries = 200)
    void theIncrementalRoot_isTheRootOfTheDefinition_atEverySize(@ForAll @IntRange(min = 0, max = 300) int size) {
        InMemoryLog log = new InMemoryLog();
        assertThat(log.range.root()).isEqualTo(MerkleHashing.emptyRoot());
        for (int i = 0; i < size; i++) {
            log.append(new byte[] {(byte) i, (byte) (i >> 8)});
            assertThat(log.range.root()).isEqualTo(log.referenceRoot(i + 1));
        }
    }

    @Property(tries = 500)
    void everyInclusionProof_verifies_andAFlippedBitFails(@ForAll @IntRange(min = 1, max = 2_000) int size,
                                                          @ForAll @IntRange(min = 0, max = 1_999) int anyIndex,
                                                          @ForAll @IntRange(min = 0, max = 255) int bit) {
        InMemoryLog log = InMemoryLog.ofSize(size);
        long index = anyIndex % size;
        byte[] root = log.range.root();
        byte[] leaf = log.leafHashes.get((int) index);
        List<byte[]> path = log.inclusionProof(index, size);

        assertThat(ProofVerification.verifyInclusion(index, size, leaf, path, root)).isTrue();
        assertThat(path).hasSizeLessThanOrEqualTo(64 - Long.numberOfLeadingZeros(size - 1));

        assertThat(ProofVerification.verifyInclusion(index, size, flip(leaf, bit), path, root)).isFalse();
        assertThat(ProofVerification.verifyInclusion(index, size, leaf, path, flip(root, bit))).isFalse();
        for (int i = 0; i < path.size(); i++) {
            assertThat(ProofVerification.verifyInclusion(index, size, leaf, flipAt(path, i, bit), root))
                    .as("path element %d flipped", i).isFalse();
        }
        if (size > 1) {
            assertThat(ProofVerification.verifyInclusion((index + 1) % size, size, leaf, path, root)).isFalse();
            assertThat(ProofVerification.verifyInclusion(index, size, leaf, path.subList(0, path.size() - 1), root)).isFalse();
        }
        List<byte[]> longer = new ArrayList<>(path);
        longer.add(root);
        assertThat(ProofVerification.verifyInclusion(index, size, leaf, longer, root)).isFalse();
    }

    @Property(tries = 500)
    void everyConsistencyProof_verifies_andAFlippedBitFails(@ForAll @IntRange(min = 1, max = 2_000) int second,
                                                            @ForAll @IntRange(min = 1, max = 2_000) int anyFirst,
                                                            @ForAll @IntRange(min = 0, max = 255) int bit) {
        InMemoryLog log = InMemoryLog.ofSize(second);
        int first = 1 + (anyFirst - 1) % second;
        byte[] firstRoot = log.referenceRoot(first);
        byte[] secondRoot = log.range.root();
        List<byte[]> proof = log.consistencyProof(first, second);

        assertThat(ProofVerification.verifyConsistency(first, second, firstRoot, secondRoot, proof)).isTrue();
        assertThat(ProofVerification.verifyConsistency(first, second, flip(firstRoot, bit), secondRoot, proof)).isFalse();
        assertThat(ProofVerification.verifyConsistency(first, second, firstRoot, flip(secondRoot, bit), proof)).isFalse();
        for (int i = 0; i < proof.size(); i++) {
            assertThat(ProofVerification.verifyConsistency(first, second, firstRoot, secondRoot, flipAt(proof, i, bit)))
                    .as("proof element %d flipped", i).isFalse();
        }
    }

    @Property(tries = 200)
    void aLogThatRewroteALeaf_isNotConsistentWithItsEarlierCheckpoint(@ForAll @IntRange(min = 2, max = 500) int second,
                                                                      @ForAll @IntRange(min = 0, max = 499) int anyLeaf) {
        int first = Math.max(1, second / 2);
        int rewritten = anyLeaf % first;
        InMemoryLog honest = InMemoryLog.ofSize(second);
        byte[] checkpointed = honest.referenceRoot(first);

        InMemoryLog forged = new InMemoryLog();
        for (int i = 0; i < second; i++) {
            forged.append(i == rewritten ? "forged".getBytes() : ("record " + i).getBytes());
        }
        List<byte[]> proof = forged.consistencyProof(first, second);
        assertThat(ProofVerification.verifyConsistency(first, second, checkpointed, forged.range.root(), proof)).isFalse();
    }

    @Property(tries = 100)
    void aRangeResumedAtAnySize_endsAtTheSameRoot(@ForAll @IntRange(min = 0, max = 1_000) int size,
                                                 @ForAll @IntRange(min = 0, max = 1_000) int anyCut) {
        Assume.that(size > 0);
        int cut = anyCut % (size + 1);
        InMemoryLog log = InMemoryLog.ofSize(size);
        List<byte[]> frontier = new ArrayList<>();
        for (NodeId node : CompactRange.frontier(cut)) {
            frontier.add(log.fetch(java.util.Set.of(node)).get(node));
        }
        CompactRange resumed = CompactRange.resume(cut, frontier);
        for (int i = cut; i < size; i++) {
            resumed.append(log.leafHashes.get(i), (node, hash) -> { });
        }
        assertThat(resumed.root()).isEqualTo(log.range.root());
    }

    static byte[] flip(byte[] hash, int bit) {
        byte[] copy = hash.clone();
        copy[(bit / 8) % copy.length] ^= (byte) (1 << (bit % 8));
        return copy;
    }

    static List<byte[]> flipAt(List<byte[]> hashes, int at, int bit) {
        List<byte[]> copy = new ArrayList<>(hashes);
        copy.set(at, flip(hashes.get(at), bit));
        return copy;
    }
}
