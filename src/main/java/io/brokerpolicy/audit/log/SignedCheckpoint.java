package io.brokerpolicy.audit.log;

import java.security.PublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A checkpoint with the log's Ed25519 signature over its body bytes, and the signed-note key name and id
 * that say which key made it. {@link #note()} is the whole signed note, as c2sp.org/signed-note writes it.
 */
public record SignedCheckpoint(Checkpoint checkpoint, String keyName, byte[] keyId, byte[] signature) {

    public SignedCheckpoint {
        Checkpoint.requireOrigin(keyName);
        if (keyId == null || keyId.length != 4) {
            throw new IllegalArgumentException("a signed-note key id has 4 bytes");
        }
        keyId = keyId.clone();
        signature = signature.clone();
    }

    @Override
    public byte[] keyId() {
        return keyId.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    public String keyIdHex() {
        return HexFormat.of().formatHex(keyId);
    }

    /** The body, a blank line, and the signature line {@code — <key name> base64(key id || signature)}. */
    public String note() {
        byte[] blob = new byte[keyId.length + signature.length];
        System.arraycopy(keyId, 0, blob, 0, keyId.length);
        System.arraycopy(signature, 0, blob, keyId.length, signature.length);
        return checkpoint.body() + "\n\u2014 " + keyName + " " + Base64.getEncoder().encodeToString(blob) + "\n";
    }

    /** True when the signature is the given key's over the body, and the key id names that key. */
    public boolean verifiedBy(PublicKey publicKey) {
        byte[] raw = Ed25519Keys.rawPublicKey(publicKey);
        return Arrays.equals(keyId, Ed25519Keys.noteKeyId(keyName, raw))
                && Ed25519Keys.verify(publicKey, checkpoint.bodyBytes(), signature);
    }
}
