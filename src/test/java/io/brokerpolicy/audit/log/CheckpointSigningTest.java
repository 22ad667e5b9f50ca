package io.brokerpolicy.audit.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * Checkpoints in the C2SP tlog-checkpoint form, signed as c2sp.org/signed-note says. The signed-note
 * vectors are those of Go's golang.org/x/mod/sumdb/note (the PeterNeumann key and note): Ed25519 is
 * deterministic, so the same seed over the same text must give that very signature line.
 */
class CheckpointSigningTest {

    static final String GO_PRIVATE = "AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
    static final String GO_VERIFIER = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
    static final String GO_TEXT = "If you think cryptography is the answer to your problem,\n"
            + "then you don't know what your problem is.\n";
    static final String GO_SIGNATURE_LINE = "\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";

    static KeyPair goKeys() {
        byte[] typed = Base64.getDecoder().decode(GO_PRIVATE);
        assertThat(typed[0]).isEqualTo((byte) 1);
        return Ed25519Keys.fromSeed(Arrays.copyOfRange(typed, 1, typed.length));
    }

    @Test
    void theGoNoteKey_hasTheGoKeyIdAndVerifierKey() {
        byte[] raw = Ed25519Keys.rawPublicKey(goKeys().getPublic());
        assertThat(Ed25519Keys.noteKeyIdHex("PeterNeumann", raw)).isEqualTo("c74f20a3");
        assertThat(Ed25519Keys.noteVerifierKey("PeterNeumann", raw)).isEqualTo(GO_VERIFIER);
        assertThat(Ed25519Keys.rawPublicKey(PublicKeyText.parse(GO_VERIFIER))).isEqualTo(raw);
    }

    @Test
    void signingTheGoNoteText_givesTheGoSignatureLine() {
        KeyPair keys = goKeys();
        byte[] signature = Ed25519Keys.sign(keys.getPrivate(), GO_TEXT.getBytes(StandardCharsets.UTF_8));
        byte[] raw = Ed25519Keys.rawPublicKey(keys.getPublic());
        byte[] blob = new byte[68];
        System.arraycopy(Ed25519Keys.noteKeyId("PeterNeumann", raw), 0, blob, 0, 4);
        System.arraycopy(signature, 0, blob, 4, 64);
        assertThat("\u2014 PeterNeumann " + Base64.getEncoder().encodeToString(blob) + "\n").isEqualTo(GO_SIGNATURE_LINE);
    }

    @Test
    void aCheckpointBody_isOriginSizeAndBase64Root_eachOnItsLine() {
        byte[] root = MerkleHashing.emptyRoot();
        Checkpoint checkpoint = new Checkpoint("example.com/audit", 0, root);
        assertThat(checkpoint.body()).isEqualTo("example.com/audit\n0\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n");
        assertThat(Checkpoint.parse(checkpoint.body())).isEqualTo(checkpoint);
    }

    @Test
    void aSignedCheckpoint_isASignedNote_thatVerifiesWithItsKeyOnly() {
        CheckpointSigner signer = new CheckpointSigner("brokerpolicy.example/audit", Ed25519Keys.generate());
        SignedCheckpoint signed = signer.sign(new Checkpoint("brokerpolicy.example/audit", 1234, MerkleHashing.leafHash(new byte[0])));

        assertThat(signed.verifiedBy(signer.publicKey())).isTrue();
        assertThat(signed.verifiedBy(Ed25519Keys.generate().getPublic())).isFalse();
        assertThat(signed.note()).startsWith(signed.checkpoint().body() + "\n\u2014 brokerpolicy.example/audit ");
        String blob = signed.note().substring(signed.note().lastIndexOf(' ') + 1).trim();
        byte[] decoded = Base64.getDecoder().decode(blob);
        assertThat(Arrays.copyOf(decoded, 4)).isEqualTo(signed.keyId());
        assertThat(Arrays.copyOfRange(decoded, 4, decoded.length)).isEqualTo(signed.signature());
        assertThat(signer.keyIdHex()).isEqualTo(signed.keyIdHex());

        SignedCheckpoint otherSize = new SignedCheckpoint(new Checkpoint(signed.checkpoint().origin(), 1235,
                signed.checkpoint().rootHash()), signed.keyName(), signed.keyId(), signed.signature());
        assertThat(otherSize.verifiedBy(signer.publicKey())).isFalse();
        assertThatThrownBy(() -> signer.sign(new Checkpoint("another.example/log", 1, MerkleHashing.emptyRoot())))
                .hasMessageContaining("another.example/log");
    }

    @Test
    void aMalformedBody_isRefusedWithTheReason() {
        String root = Base64.getEncoder().encodeToString(MerkleHashing.emptyRoot());
        assertThatThrownBy(() -> Checkpoint.parse("o\n1\n" + root)).hasMessageContaining("newline");
        assertThatThrownBy(() -> Checkpoint.parse("o\n01\n" + root + "\n")).hasMessageContaining("leading zeros");
        assertThatThrownBy(() -> Checkpoint.parse("o\n-1\n" + root + "\n")).hasMessageContaining("decimal");
        assertThatThrownBy(() -> Checkpoint.parse("o\n1\n" + root + "\nextension\n")).hasMessageContaining("three lines");
        assertThatThrownBy(() -> Checkpoint.parse("o\n1\nAAAA\n")).hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> Checkpoint.parse("two words\n1\n" + root + "\n")).hasMessageContaining("spaces");
        assertThatThrownBy(() -> Checkpoint.parse("a+b\n1\n" + root + "\n")).hasMessageContaining("plus");
    }
}
