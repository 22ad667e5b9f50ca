package io.brokerpolicy.audit.log;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The offline check of an inclusion proof, as a regulator runs it: exit 0 holds, 1 fails, 2 bad usage. */
class VerifyProofCommandTest {

    static final String ORIGIN = "brokerpolicy.example/audit";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path folder;
    CheckpointSigner signer;
    ObjectNode proof;
    Path keyFile;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void aLogOf37RecordsAndAProofOfRecord17() throws Exception {
        signer = new CheckpointSigner(ORIGIN, Ed25519Keys.generate());
        InMemoryLog log = InMemoryLog.ofSize(37);
        SignedCheckpoint signed = signer.sign(new Checkpoint(ORIGIN, 37, log.range.root()));
        proof = JSON.createObjectNode();
        proof.put("leafIndex", 17);
        proof.put("record", b64(log.records.get(17)));
        ArrayNode path = proof.putArray("auditPath");
        log.inclusionProof(17, 37).forEach(h -> path.add(b64(h)));
        ObjectNode checkpoint = proof.putObject("checkpoint");
        checkpoint.put("treeSize", 37);
        checkpoint.put("rootHash", b64(signed.checkpoint().rootHash()));
        checkpoint.put("body", signed.checkpoint().body());
        checkpoint.put("signature", b64(signed.signature()));
        checkpoint.put("keyId", signed.keyIdHex());
        keyFile = folder.resolve("public-key.json");
        Files.writeString(keyFile, "{\"keyId\": \"" + signer.keyIdHex() + "\", \"algorithm\": \"Ed25519\", \"publicKey\": \""
                + signer.publicKeyBase64() + "\"}");
    }

    @Test
    void aSoundProof_verifies_withTheKeyInAnyForm() throws Exception {
        assertThat(run("--public-key", keyFile.toString(), write(proof))).isZero();
        assertThat(out.toString()).contains("VERIFIED: the record is leaf 17 of the log " + ORIGIN + " at tree size 37");
        assertThat(run("--public-key", signer.publicKeyBase64(), "--origin", ORIGIN, write(proof))).isZero();
        assertThat(run("--public-key", signer.noteVerifierKey(), write(proof))).isZero();
    }

    @Test
    void aFlippedByteAnywhere_failsTheProof() throws Exception {
        List<Consumer<ObjectNode>> tamperings = List.of(
                p -> p.put("record", flip(p.get("record").asText())),
                p -> ((ArrayNode) p.get("auditPath")).set(0, JSON.getNodeFactory()
                        .textNode(flip(p.get("auditPath").get(0).asText()))),
                p -> ((ArrayNode) p.get("auditPath")).set(p.get("auditPath").size() - 1, JSON.getNodeFactory()
                        .textNode(flip(p.get("auditPath").get(p.get("auditPath").size() - 1).asText()))),
                p -> ((ObjectNode) p.get("checkpoint")).put("signature", flip(p.get("checkpoint").get("signature").asText())),
                p -> ((ObjectNode) p.get("checkpoint")).put("rootHash", flip(p.get("checkpoint").get("rootHash").asText())),
                p -> ((ObjectNode) p.get("checkpoint")).put("body", p.get("checkpoint").get("body").asText()
                        .replace("\n37\n", "\n38\n")),
                p -> ((ObjectNode) p.get("checkpoint")).put("treeSize", 36),
                p -> p.put("leafIndex", 18),
                p -> ((ArrayNode) p.get("auditPath")).remove(0));
        for (int i = 0; i < tamperings.size(); i++) {
            ObjectNode tampered = proof.deepCopy();
            tamperings.get(i).accept(tampered);
            out.reset();
            assertThat(run("--public-key", keyFile.toString(), write(tampered))).as("tampering %d", i).isEqualTo(1);
            assertThat(out.toString()).as("tampering %d", i).contains("FAILED: ");
        }
    }

    @Test
    void anotherLogsKey_failsTheSignature() throws Exception {
        String otherKey = new CheckpointSigner(ORIGIN, Ed25519Keys.generate()).publicKeyBase64();
        assertThat(run("--public-key", otherKey, write(proof))).isEqualTo(1);
        assertThat(out.toString()).contains("FAILED: the checkpoint's signature is not this public key's");
        out.reset();
        assertThat(run("--public-key", signer.publicKeyBase64(), "--origin", "other.example/log", write(proof))).isEqualTo(1);
        assertThat(out.toString()).contains("not of other.example/log");
    }

    @Test
    void badUsage_exits2_sayingWhy() throws Exception {
        assertThat(run(write(proof))).isEqualTo(2);
        assertThat(err.toString()).contains("--public-key is required", "usage: verify-proof");
        assertThat(run("--public-key", "not-a-key", write(proof))).isEqualTo(2);
        assertThat(run("--public-key", signer.publicKeyBase64(), folder.resolve("missing.json").toString())).isEqualTo(2);
        Path notJson = folder.resolve("not.json");
        Files.writeString(notJson, "not json");
        assertThat(run("--public-key", signer.publicKeyBase64(), notJson.toString())).isEqualTo(2);
        assertThat(run("--public-key")).isEqualTo(2);
    }

    private int run(String... args) {
        return VerifyProofCommand.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String write(ObjectNode json) throws Exception {
        Path file = Files.createTempFile(folder, "proof", ".json");
        Files.writeString(file, JSON.writeValueAsString(json));
        return file.toString();
    }

    static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    static String flip(String base64) {
        byte[] bytes = Base64.getDecoder().decode(base64);
        bytes[bytes.length / 2] ^= 0x01;
        return b64(bytes);
    }
}
