package io.brokerpolicy.audit.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The RFC 6962 / RFC 9162 test vectors that Certificate Transparency implementations share (the eight
 * leaves of the transparency-dev merkle package's tests): roots at every size, audit paths and
 * consistency proofs, built from stored subtrees the way the service builds them.
 */
class MerkleTreeVectorsTest {

    static final String[] LEAVES = {"", "00", "10", "2021", "3031", "40414243", "5051525354555657",
            "606162636465666768696a6b6c6d6e6f"};
    static final String[] ROOTS = {
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
            "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
            "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
            "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
            "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"};
    static final HexFormat HEX = HexFormat.of();

    static InMemoryLog vectorLog() {
        InMemoryLog log = new InMemoryLog();
        for (String leaf : LEAVES) {
            log.append(HEX.parseHex(leaf));
        }
        return log;
    }

    @Test
    void theEmptyLog_hasTheHashOfTheEmptyString() {
        assertThat(HEX.formatHex(CompactRange.empty().root()))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void theRootAtEverySize_isTheVectorsRoot() {
        CompactRange range = CompactRange.empty();
        for (int i = 0; i < LEAVES.length; i++) {
            range.append(MerkleHashing.leafHash(HEX.parseHex(LEAVES[i])), (node, hash) -> { });
            assertThat(HEX.formatHex(range.root())).as("root of %d leaves", i + 1).isEqualTo(ROOTS[i]);
        }
    }

    @Test
    void aRangeResumedFromItsFrontier_continuesWithTheSameRoots() {
        InMemoryLog log = vectorLog();
        for (int size = 0; size <= LEAVES.length; size++) {
            List<byte[]> frontier = new ArrayList<>();
            for (NodeId node : CompactRange.frontier(size)) {
                frontier.add(log.fetch(java.util.Set.of(node)).get(node));
            }
            CompactRange resumed = CompactRange.resume(size, frontier);
            for (int i = size; i < LEAVES.length; i++) {
                resumed.append(log.leafHashes.get(i), (node, hash) -> { });
            }
            assertThat(HEX.formatHex(resumed.root())).isEqualTo(ROOTS[LEAVES.length - 1]);
        }
    }

    @ParameterizedTest(name = "leaf {0} of {1}")
    @CsvSource({
            "0, 1, ''",
            "0, 8, 96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7 5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e 6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
            "5, 8, bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0 d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            "2, 3, fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
            "1, 5, 6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d 5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"})
    void theAuditPath_isTheVectorsPath_andVerifies(long index, long size, String expectedPath) {
        InMemoryLog log = vectorLog();
        List<byte[]> path = log.inclusionProof(index, size);
        assertThat(path.stream().map(HEX::formatHex).toList()).isEqualTo(hashes(expectedPath));
        byte[] root = HEX.parseHex(ROOTS[(int) size - 1]);
        assertThat(ProofVerification.verifyInclusion(index, size, log.leafHashes.get((int) index), path, root)).isTrue();
        assertThat(ProofVerification.verifyInclusion(index, size, log.leafHashes.get((int) ((index + 1) % size)), path, root))
                .isEqualTo(size == 1);
    }

    @ParameterizedTest(name = "{0} to {1}")
    @CsvSource({
            "1, 1, ''",
            "1, 8, 96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7 5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e 6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
            "6, 8, 0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0 d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            "2, 5, 5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
            "6, 7, 0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"})
    void theConsistencyProof_isTheVectorsProof_andVerifies(long first, long second, String expectedProof) {
        InMemoryLog log = vectorLog();
        List<byte[]> proof = log.consistencyProof(first, second);
        assertThat(proof.stream().map(HEX::formatHex).toList()).isEqualTo(hashes(expectedProof));
        byte[] firstRoot = HEX.parseHex(ROOTS[(int) first - 1]);
        byte[] secondRoot = HEX.parseHex(ROOTS[(int) second - 1]);
        assertThat(ProofVerification.verifyConsistency(first, second, firstRoot, secondRoot, proof)).isTrue();
        if (first != second) {
            assertThat(ProofVerification.verifyConsistency(first, second, secondRoot, firstRoot, proof)).isFalse();
            assertThat(ProofVerification.verifyConsistency(first, second, firstRoot, secondRoot, List.of())).isFalse();
        }
    }

    @Test
    void consistencyFromTheEmptyTree_isTheEmptyProof_andRollingBackIsNeverConsistent() {
        byte[] root = HEX.parseHex(ROOTS[3]);
        assertThat(ProofVerification.verifyConsistency(0, 4, MerkleHashing.emptyRoot(), root, List.of())).isTrue();
        assertThat(ProofVerification.verifyConsistency(4, 3, root, HEX.parseHex(ROOTS[2]), List.of())).isFalse();
        assertThatThrownBy(() -> MerkleTree.consistencyPlan(4, 3)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aLeafBeyondTheTree_hasNoProof_andAProofForItFails() {
        assertThatThrownBy(() -> MerkleTree.inclusionPlan(8, 8)).isInstanceOf(IllegalArgumentException.class);
        InMemoryLog log = vectorLog();
        List<byte[]> path = log.inclusionProof(7, 8);
        byte[] root = HEX.parseHex(ROOTS[7]);
        assertThat(ProofVerification.verifyInclusion(8, 8, log.leafHashes.get(7), path, root)).isFalse();
        assertThat(ProofVerification.verifyInclusion(7, 16, log.leafHashes.get(7), path, root)).isFalse();
        assertThat(ProofVerification.verifyInclusion(-1, 8, log.leafHashes.get(7), path, root)).isFalse();
    }

    private static List<String> hashes(String spaced) {
        return spaced == null || spaced.isBlank() ? List.of() : List.of(spaced.trim().split(" "));
    }
}
