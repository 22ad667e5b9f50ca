package io.brokerpolicy.security;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A password as the users file stores it: a bcrypt hash ({@code $2a$}, {@code $2b$}, {@code $2y$}) or,
 * as generated at first start, plain text. Plain passwords are compared through their SHA-256 digests
 * with {@link MessageDigest#isEqual}, so the time taken tells nothing about how much of a guess was right.
 */
final class StoredPassword {

    private final String stored;
    private final boolean bcrypt;

    StoredPassword(String stored) {
        this.stored = stored;
        this.bcrypt = isBcrypt(stored);
    }

    static boolean isBcrypt(String stored) {
        return stored.startsWith("$2a$") || stored.startsWith("$2b$") || stored.startsWith("$2y$");
    }

    boolean isBcrypt() {
        return bcrypt;
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

    /** Spends about the time of a plain comparison when the user does not exist. */
    static void compareWithNothing(char[] given) {
        MessageDigest.isEqual(sha256(new String(given)), sha256("\u0000no-such-user"));
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", e);
        }
    }
}
