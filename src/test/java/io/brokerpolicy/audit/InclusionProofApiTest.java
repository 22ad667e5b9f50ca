package io.brokerpolicy.audit;

import static io.brokerpolicy.testsupport.Api.asCompliance;
import static io.brokerpolicy.testsupport.Snapshots.aSnapshot;
import static io.brokerpolicy.testsupport.StoredVerdicts.evaluate;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.brokerpolicy.audit.log.VerifyProofCommand;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * An inclusion proof from the API, checked the way a regulator's own tool would: by an implementation
 * written here from RFC 9162 §2.1.3.1 and RFC 8032, sharing no code with the service (leaf hash, audit
 * path, root, Ed25519 signature over the checkpoint body). A flipped byte anywhere fails it.
 */
@QuarkusTest
class InclusionProofApiTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aVerdictsProof_holdsForAnIndependentVerifier_andAFlippedByteAnywhereFailsIt() throws Exception {
        evaluate(aSnapshot());
        String verdictId = evaluate(aSnapshot());
        evaluate(aSnapshot());
        ObjectNode proof = (ObjectNode) JSON.readTree(asCompliance().get("/api/v1/verdicts/" + verdictId + "/proof")
                .then().statusCode(200).extract().asString());
        JsonNode key = JSON.readTree(asCompliance().get("/api/v1/audit/public-key").then().statusCode(200).extract().asString());
        PublicKey publicKey = ed25519(Base64.getDecoder().decode(key.get("publicKey").asText()));
        assertThat(key.get("algorithm").asText()).isEqualTo("Ed25519");

        assertThat(independentlyVerified(proof, publicKey)).isTrue();
        JsonNode record = JSON.readTree(Base64.getDecoder().decode(proof.get("record").asText()));
        assertThat(record.get("kind").asText()).isEqualTo("verdict");
        assertThat(record.get("verdictId").asText()).isEqualTo(verdictId);
        assertThat(record.get("verdict").get("verdictId").asText()).isEqualTo(verdictId);
        assertThat(proof.get("checkpoint").get("body").asText()).endsWith("\n")
                .startsWith(key.get("origin").asText() + "\n" + proof.get("checkpoint").get("treeSize").asText() + "\n");

        List<Consumer<ObjectNode>> flips = new ArrayList<>();
        flips.add(p -> p.put("record", flip(p.get("record").asText(), 40)));
        for (int i = 0; i < proof.get("auditPath").size(); i++) {
            int at = i;
            flips.add(p -> ((ArrayNode) p.get("auditPath")).set(at, JSON.getNodeFactory()
                    .textNode(flip(p.get("auditPath").get(at).asText(), 7))));
        }
        flips.add(p -> checkpoint(p).put("signature", flip(checkpoint(p).get("signature").asText(), 11)));
        flips.add(p -> checkpoint(p).put("body", flipText(checkpoint(p).get("body").asText())));
        flips.add(p -> p.put("leafIndex", p.get("leafIndex").asLong() ^ 1));
        assertThat(proof.get("auditPath").size()).isPositive();
        for (int i = 0; i < flips.size(); i++) {
            ObjectNode tampered = proof.deepCopy();
            flips.get(i).accept(tampered);
            assertThat(independentlyVerified(tampered, publicKey)).as("flip %d", i).isFalse();
        }
    }

    @Test
    void theProof_isAcceptedOffline_byTheVerifyProofCommand() throws Exception {
        String verdictId = evaluate(aSnapshot());
        String proof = asCompliance().get("/api/v1/verdicts/" + verdictId + "/proof").then().statusCode(200).extract().asString();
        String key = asCompliance().get("/api/v1/audit/public-key").then().statusCode(200).extract().asString();
        Path folder = Files.createTempDirectory("proof");
        Path proofFile = Files.writeString(folder.resolve("proof.json"), proof);
        Path keyFile = Files.writeString(folder.resolve("key.json"), key);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        assertThat(VerifyProofCommand.run(List.of("--public-key", keyFile.toString(), proofFile.toString()), print, print))
                .isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("VERIFIED");
    }

    @Test
    void twoCheckpoints_areConsistent_andTheLatestIsServed() {
        evaluate(aSnapshot());
        long first = asCompliance().post("/api/v1/audit/checkpoints").then().statusCode(org.hamcrest.Matchers.oneOf(200, 201))
                .extract().jsonPath().getLong("treeSize");
        evaluate(aSnapshot());
        long second = asCompliance().post("/api/v1/audit/checkpoints").then().statusCode(201)
                .extract().jsonPath().getLong("treeSize");
        assertThat(second).isGreaterThan(first);
        assertThat(asCompliance().get("/api/v1/audit/checkpoints/latest").then().statusCode(200).extract().jsonPath()
                .getLong("treeSize")).isGreaterThanOrEqualTo(second);
        List<String> proof = asCompliance().get("/api/v1/audit/consistency?first=" + first + "&second=" + second)
                .then().statusCode(200).extract().jsonPath().getList("proof");
        assertThat(proof).isNotEmpty();
        asCompliance().get("/api/v1/audit/consistency?first=0&second=" + second).then().statusCode(400);
        asCompliance().get("/api/v1/audit/consistency?first=" + second + "&second=" + Long.MAX_VALUE).then().statusCode(400);
    }

    /** RFC 9162 §2.1.3.1 read backwards: the root the audit path gives, by the same recursion that builds the path. */
    static byte[] rootFromPath(long index, long size, byte[] leafHash, List<byte[]> path) {
        if (size == 1) {
            if (!path.isEmpty()) {
                throw new IllegalArgumentException("too long");
            }
            return leafHash;
        }
        if (path.isEmpty()) {
            throw new IllegalArgumentException("too short");
        }
        long k = Long.highestOneBit(size - 1);
        byte[] sibling = path.get(path.size() - 1);
        List<byte[]> rest = path.subList(0, path.size() - 1);
        return index < k
                ? node(rootFromPath(index, k, leafHash, rest), sibling)
                : node(sibling, rootFromPath(index - k, size - k, leafHash, rest));
    }

    static boolean independentlyVerified(JsonNode proof, PublicKey key) throws Exception {
        JsonNode checkpoint = proof.get("checkpoint");
        String body = checkpoint.get("body").asText();
        Signature ed25519 = Signature.getInstance("Ed25519");
        ed25519.initVerify(key);
        ed25519.update(body.getBytes(StandardCharsets.UTF_8));
        try {
            if (!ed25519.verify(Base64.getDecoder().decode(checkpoint.get("signature").asText()))) {
                return false;
            }
        } catch (java.security.SignatureException notEvenASignature) {
            // a changed byte can leave no valid curve point: the JDK refuses rather than answering false
            return false;
        }
        String[] lines = body.split("\n");
        if (lines.length != 3 || !body.endsWith("\n")) {
            return false;
        }
        long size = Long.parseLong(lines[1]);
        byte[] root = Base64.getDecoder().decode(lines[2]);
        long index = proof.get("leafIndex").asLong();
        if (index < 0 || index >= size) {
            return false;
        }
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        sha256.update((byte) 0);
        byte[] leaf = sha256.digest(Base64.getDecoder().decode(proof.get("record").asText()));
        List<byte[]> path = new ArrayList<>();
        proof.get("auditPath").forEach(h -> path.add(Base64.getDecoder().decode(h.asText())));
        try {
            return Arrays.equals(rootFromPath(index, size, leaf, path), root);
        } catch (IllegalArgumentException wrongLength) {
            return false;
        }
    }

    static byte[] node(byte[] left, byte[] right) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update((byte) 1);
            sha256.update(left);
            sha256.update(right);
            return sha256.digest();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static PublicKey ed25519(byte[] raw) throws Exception {
        byte[] spki = HexFormat.of().parseHex("302a300506032b6570032100" + HexFormat.of().formatHex(raw));
        return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
    }

    static ObjectNode checkpoint(ObjectNode proof) {
        return (ObjectNode) proof.get("checkpoint");
    }

    static String flip(String base64, int at) {
        byte[] bytes = Base64.getDecoder().decode(base64);
        bytes[at % bytes.length] ^= 0x20;
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** Changes one character of the root line (the first of the base64). */
    static String flipText(String body) {
        String[] lines = body.split("\n");
        char c = lines[2].charAt(0);
        lines[2] = (c == 'A' ? 'B' : 'A') + lines[2].substring(1);
        return String.join("\n", lines) + "\n";
    }
}
