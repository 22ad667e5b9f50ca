package io.brokerpolicy.audit.log;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The hashing of RFC 9162 §2.1.1: a leaf is SHA-256 over 0x00 and its bytes, an interior node SHA-256 over
 * 0x01 and its two children. The prefixes keep a leaf from ever being read as a node (a second preimage
 * across levels), so an audit path cannot be shortened or lengthened without changing the root.
 */
public final class MerkleHashing {

    public static final int HASH_SIZE = 32;
    private static final byte LEAF_PREFIX = 0x00;
    private static final byte NODE_PREFIX = 0x01;
    private static final MessageDigest PROTOTYPE = sha256();

    private MerkleHashing() {
    }

    /** MTH({}): the hash of the empty string, the root of a log with no leaves. */
    public static byte[] emptyRoot() {
        return digest().digest();
    }

    public static byte[] leafHash(byte[] record) {
        MessageDigest digest = digest();
        digest.update(LEAF_PREFIX);
        digest.update(record);
        return digest.digest();
    }

    public static byte[] nodeHash(byte[] left, byte[] right) {
        MessageDigest digest = digest();
        digest.update(NODE_PREFIX);
        digest.update(left);
        digest.update(right);
        return digest.digest();
    }

    /** Plain SHA-256, for key ids and record digests. */
    public static byte[] sha256(byte[] bytes) {
        return digest().digest(bytes);
    }

    private static MessageDigest digest() {
        try {
            // A clone skips the provider lookup of getInstance, which costs more than hashing 65 bytes.
            return (MessageDigest) PROTOTYPE.clone();
        } catch (CloneNotSupportedException e) {
            return sha256();
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", e);
        }
    }
}
