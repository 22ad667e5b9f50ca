package io.brokerpolicy.security;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.List;

/**
 * A password as the users file stores it: a bcrypt hash ({@code $2a$}, {@code $2b$}, {@code $2y$}) or,
 * as generated at first start, plain text. Plain passwords are compared through their SHA-256 digests
 * with {@link MessageDigest#isEqual}, so the time taken tells nothing about how much of a guess was right.
 */
public final class StoredPassword {

    /** bcrypt's default cost, for the stand-in hash of a file that has no bcrypt hash of its own. */
    private static final int DEFAULT_COST = 10;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String stored;
    private final boolean bcrypt;

    StoredPassword(String stored) {
        this.stored = stored;
        this.bcrypt = isBcrypt(stored);
    }

    static boolean isBcrypt(String stored) {
        return stored.startsWith("$2a$") || stored.startsWith("$2b$") || stored.startsWith("$2y$");
    }

    /**
     * The hash that unknown users are checked against: a bcrypt hash of a random password, at the highest
     * cost among the file's hashes, so that an unknown name costs what a wrong password costs.
     */
    static StoredPassword unknownUser(List<StoredPassword> passwords) {
        int cost = passwords.stream().filter(StoredPassword::isBcrypt).mapToInt(StoredPassword::cost).max().orElse(DEFAULT_COST);
        byte[] random = new byte[18];
        RANDOM.nextBytes(random);
        char[] password = java.util.Base64.getEncoder().encodeToString(random).toCharArray();
        return new StoredPassword(BCrypt.withDefaults().hashToString(cost, password));
    }

    boolean isBcrypt() {
        return bcrypt;
    }

    /** The bcrypt cost (the exponent of its rounds). */
    int cost() {
        try {
            return Integer.parseInt(stored.substring(4, 6));
        } catch (RuntimeException e) {
            return DEFAULT_COST;
        }
    }

    boolean matches(char[] given) {
        if (bcrypt) {
            try {
                return BCrypt.verifyer().verify(given, stored.toCharArray()).verified;
            } catch (RuntimeException e) {
                // A malformed hash or a password beyond bcrypt's 72 bytes: no match, never a 500.
                return false;
            }
        }
        return MessageDigest.isEqual(sha256(new String(given)), sha256(stored));
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", e);
        }
    }
}
