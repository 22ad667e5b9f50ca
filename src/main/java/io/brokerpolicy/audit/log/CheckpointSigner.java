package io.brokerpolicy.audit.log;

import java.security.KeyPair;
import java.security.PublicKey;
import java.util.Base64;

/** Signs checkpoints of one log (one origin) with one Ed25519 key; the key name is the origin, as C2SP advises. */
public final class CheckpointSigner {

    private final String origin;
    private final KeyPair keys;
    private final byte[] rawPublicKey;
    private final byte[] keyId;

    public CheckpointSigner(String origin, KeyPair keys) {
        this.origin = Checkpoint.requireOrigin(origin);
        this.keys = keys;
        this.rawPublicKey = Ed25519Keys.rawPublicKey(keys.getPublic());
        this.keyId = Ed25519Keys.noteKeyId(origin, rawPublicKey);
    }

    public SignedCheckpoint sign(Checkpoint checkpoint) {
        if (!checkpoint.origin().equals(origin)) {
            throw new IllegalArgumentException("this key signs checkpoints of " + origin + ", not of " + checkpoint.origin());
        }
        return new SignedCheckpoint(checkpoint, origin, keyId, Ed25519Keys.sign(keys.getPrivate(), checkpoint.bodyBytes()));
    }

    public String origin() {
        return origin;
    }

    public PublicKey publicKey() {
        return keys.getPublic();
    }

    /** Base64 of the raw 32 public key bytes, as a verifier is given it. */
    public String publicKeyBase64() {
        return Base64.getEncoder().encodeToString(rawPublicKey);
    }

    public String keyIdHex() {
        return Ed25519Keys.noteKeyIdHex(origin, rawPublicKey);
    }

    /** The key as Go's note package (and the transparency-dev tools) take it. */
    public String noteVerifierKey() {
        return Ed25519Keys.noteVerifierKey(origin, rawPublicKey);
    }
}
