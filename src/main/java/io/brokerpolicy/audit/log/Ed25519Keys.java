package io.brokerpolicy.audit.log;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Ed25519 (RFC 8032) with the JDK's own provider, and the key encodings a verifier outside Java uses: the raw
 * 32 public key bytes, and the signed-note key id and verifier key of c2sp.org/signed-note.
 */
public final class Ed25519Keys {

    /** The DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410 §4); the raw key follows it. */
    private static final byte[] SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");
    /** The signed-note signature type of Ed25519. */
    static final byte NOTE_TYPE_ED25519 = 0x01;
    public static final int PUBLIC_KEY_SIZE = 32;
    public static final int SIGNATURE_SIZE = 64;

    private Ed25519Keys() {
    }

    public static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is required by the Java platform (JDK 15 and later)", e);
        }
    }

    /** The key pair of a 32-byte RFC 8032 private key (seed). */
    public static KeyPair fromSeed(byte[] seed) {
        try {
            KeyFactory factory = KeyFactory.getInstance("Ed25519");
            PrivateKey privateKey = factory.generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, seed));
            return new KeyPair(publicKeyOf(privateKey), privateKey);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 private key: " + e.getMessage(), e);
        }
    }

    public static PrivateKey privateKeyFromPkcs8(byte[] der) {
        try {
            return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 private key in PKCS#8: " + e.getMessage(), e);
        }
    }

    /**
     * The public key of a private key. The JDK has no call that derives it, but its key pair generator
     * turns 32 random bytes into the seed and computes the public point from it, so a generator fed the
     * seed itself gives the pair back.
     */
    public static PublicKey publicKeyOf(PrivateKey privateKey) {
        byte[] seed = seedOf(privateKey);
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
            generator.initialize(NamedParameterSpec.ED25519, new FixedSeed(seed));
            KeyPair pair = generator.generateKeyPair();
            if (!Arrays.equals(seedOf(pair.getPrivate()), seed)) {
                throw new IllegalStateException("the Ed25519 key generator did not take the seed it was given");
            }
            return pair.getPublic();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is required by the Java platform", e);
        }
    }

    private static byte[] seedOf(PrivateKey privateKey) {
        if (privateKey instanceof java.security.interfaces.EdECPrivateKey ed) {
            return ed.getBytes().orElseThrow(() -> new IllegalArgumentException("the Ed25519 private key is not extractable"));
        }
        throw new IllegalArgumentException("not an Ed25519 private key: " + privateKey.getAlgorithm());
    }

    /** A random source that yields the given seed: how the JDK is made to derive a key pair from a known seed. */
    private static final class FixedSeed extends java.security.SecureRandom {
        private final byte[] seed;

        FixedSeed(byte[] seed) {
            this.seed = seed.clone();
        }

        @Override
        public void nextBytes(byte[] bytes) {
            if (bytes.length != seed.length) {
                throw new IllegalStateException("asked for " + bytes.length + " random bytes, the seed has " + seed.length);
            }
            System.arraycopy(seed, 0, bytes, 0, seed.length);
        }
    }

    public static byte[] rawPublicKey(PublicKey publicKey) {
        byte[] der = publicKey.getEncoded();
        if (der.length != SPKI_PREFIX.length + PUBLIC_KEY_SIZE
                || !Arrays.equals(Arrays.copyOf(der, SPKI_PREFIX.length), SPKI_PREFIX)) {
            throw new IllegalArgumentException("not an Ed25519 public key: " + publicKey.getAlgorithm());
        }
        return Arrays.copyOfRange(der, SPKI_PREFIX.length, der.length);
    }

    public static PublicKey publicKeyFromRaw(byte[] raw) {
        if (raw == null || raw.length != PUBLIC_KEY_SIZE) {
            throw new IllegalArgumentException("an Ed25519 public key has " + PUBLIC_KEY_SIZE + " bytes, not "
                    + (raw == null ? "none" : raw.length));
        }
        byte[] der = Arrays.copyOf(SPKI_PREFIX, SPKI_PREFIX.length + PUBLIC_KEY_SIZE);
        System.arraycopy(raw, 0, der, SPKI_PREFIX.length, PUBLIC_KEY_SIZE);
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 public key: " + e.getMessage(), e);
        }
    }

    public static byte[] sign(PrivateKey privateKey, byte[] message) {
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(privateKey);
            signature.update(message);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed: " + e.getMessage(), e);
        }
    }

    /** False for a wrong signature, a signature of the wrong length, or a key that is not Ed25519. */
    public static boolean verify(PublicKey publicKey, byte[] message, byte[] signatureBytes) {
        if (signatureBytes == null || signatureBytes.length != SIGNATURE_SIZE) {
            return false;
        }
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initVerify(publicKey);
            signature.update(message);
            return signature.verify(signatureBytes);
        } catch (InvalidKeyException | SignatureException e) {
            return false;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is required by the Java platform", e);
        }
    }

    /** The signed-note key id: the first 4 bytes of SHA-256(key name || 0x0A || 0x01 || public key). */
    public static byte[] noteKeyId(String keyName, byte[] rawPublicKey) {
        byte[] name = keyName.getBytes(StandardCharsets.UTF_8);
        byte[] input = new byte[name.length + 2 + rawPublicKey.length];
        System.arraycopy(name, 0, input, 0, name.length);
        input[name.length] = '\n';
        input[name.length + 1] = NOTE_TYPE_ED25519;
        System.arraycopy(rawPublicKey, 0, input, name.length + 2, rawPublicKey.length);
        return Arrays.copyOf(MerkleHashing.sha256(input), 4);
    }

    /** The key id as 8 lowercase hex digits, as Go's note package prints it. */
    public static String noteKeyIdHex(String keyName, byte[] rawPublicKey) {
        return HexFormat.of().formatHex(noteKeyId(keyName, rawPublicKey));
    }

    /** The verifier key string of Go's note package: {@code <name>+<key id hex>+<base64(0x01 || key)>}. */
    public static String noteVerifierKey(String keyName, byte[] rawPublicKey) {
        byte[] typed = new byte[1 + rawPublicKey.length];
        typed[0] = NOTE_TYPE_ED25519;
        System.arraycopy(rawPublicKey, 0, typed, 1, rawPublicKey.length);
        return keyName + "+" + noteKeyIdHex(keyName, rawPublicKey) + "+" + Base64.getEncoder().encodeToString(typed);
    }
}
