package io.brokerpolicy.audit.log;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * Verification of RFC 9162 proofs, step by step as §2.1.3.2 (inclusion) and §2.1.4.2 (consistency)
 * write them. Needs nothing but the hashes: this is what a regulator's own tool does with a proof.
 */
public final class ProofVerification {

    private ProofVerification() {
    }

    /** Thrown when a proof cannot be right whatever the root: wrong length, index beyond the tree, bad hash size. */
    public static final class MalformedProofException extends IllegalArgumentException {
        public MalformedProofException(String message) {
            super(message);
        }
    }

    /** True when {@code leafHash} is leaf {@code index} of the tree of {@code size} leaves whose root is {@code root}. */
    public static boolean verifyInclusion(long index, long size, byte[] leafHash, List<byte[]> path, byte[] root) {
        try {
            return MessageDigest.isEqual(rootFromInclusion(index, size, leafHash, path), root);
        } catch (MalformedProofException e) {
            return false;
        }
    }

    /** The root that an inclusion proof leads to (RFC 9162 §2.1.3.2 steps 1 to 4); throws when it leads nowhere. */
    public static byte[] rootFromInclusion(long index, long size, byte[] leafHash, List<byte[]> path) {
        if (index < 0 || index >= size) {
            throw new MalformedProofException("leaf index " + index + " is not below the tree size " + size);
        }
        requireHash(leafHash, "the leaf hash");
        long fn = index;
        long sn = size - 1;
        byte[] r = leafHash;
        for (byte[] p : path) {
            requireHash(p, "an audit path hash");
            if (sn == 0) {
                throw new MalformedProofException("the audit path is longer than a tree of " + size + " leaves needs");
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = MerkleHashing.nodeHash(p, r);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>>= 1;
                        sn >>>= 1;
                    }
                }
            } else {
                r = MerkleHashing.nodeHash(r, p);
            }
            fn >>>= 1;
            sn >>>= 1;
        }
        if (sn != 0) {
            throw new MalformedProofException("the audit path is shorter than a tree of " + size + " leaves needs");
        }
        return r;
    }

    /**
     * True when the tree of {@code second} leaves with root {@code secondRoot} is the tree of {@code first}
     * leaves with root {@code firstRoot} plus leaves appended after it (RFC 9162 §2.1.4.2). Equal sizes need
     * equal roots and an empty proof; a first tree of no leaves is consistent with anything.
     */
    public static boolean verifyConsistency(long first, long second, byte[] firstRoot, byte[] secondRoot,
                                            List<byte[]> proof) {
        try {
            if (first < 0 || second < first) {
                return false;
            }
            requireHash(firstRoot, "the first root");
            requireHash(secondRoot, "the second root");
            if (first == second) {
                return proof.isEmpty() && MessageDigest.isEqual(firstRoot, secondRoot);
            }
            if (first == 0) {
                return proof.isEmpty();
            }
            if (proof.isEmpty()) {
                return false;
            }
            List<byte[]> path = new ArrayList<>(proof.size() + 1);
            if (Long.bitCount(first) == 1) {
                path.add(firstRoot);
            }
            path.addAll(proof);
            long fn = first - 1;
            long sn = second - 1;
            while ((fn & 1) == 1) {
                fn >>>= 1;
                sn >>>= 1;
            }
            byte[] fr = requireHash(path.get(0), "a consistency proof hash");
            byte[] sr = fr;
            for (byte[] c : path.subList(1, path.size())) {
                requireHash(c, "a consistency proof hash");
                if (sn == 0) {
                    return false;
                }
                if ((fn & 1) == 1 || fn == sn) {
                    fr = MerkleHashing.nodeHash(c, fr);
                    sr = MerkleHashing.nodeHash(c, sr);
                    if ((fn & 1) == 0) {
                        while ((fn & 1) == 0 && fn != 0) {
                            fn >>>= 1;
                            sn >>>= 1;
                        }
                    }
                } else {
                    sr = MerkleHashing.nodeHash(sr, c);
                }
                fn >>>= 1;
                sn >>>= 1;
            }
            return sn == 0 && MessageDigest.isEqual(fr, firstRoot) && MessageDigest.isEqual(sr, secondRoot);
        } catch (MalformedProofException e) {
            return false;
        }
    }

    private static byte[] requireHash(byte[] hash, String what) {
        if (hash == null || hash.length != MerkleHashing.HASH_SIZE) {
            throw new MalformedProofException(what + " has " + (hash == null ? "no" : hash.length) + " bytes, not "
                    + MerkleHashing.HASH_SIZE);
        }
        return hash;
    }
}
