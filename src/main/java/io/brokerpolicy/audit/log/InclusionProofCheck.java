package io.brokerpolicy.audit.log;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * Checks an inclusion proof document ({@code GET /verdicts/{id}/proof}) with nothing but the log's public
 * key: the checkpoint's signature, that the record's leaf hash leads through the audit path to the signed
 * root (RFC 9162 §2.1.3.2), and that nothing outside the signature contradicts what is inside it.
 * <pre>
 * {"leafIndex": 17, "record": "&lt;base64&gt;", "auditPath": ["&lt;base64&gt;", …],
 *  "checkpoint": {"treeSize": 1234, "rootHash": "&lt;base64&gt;", "body": "&lt;origin&gt;\n1234\n&lt;root&gt;\n",
 *                 "signature": "&lt;base64&gt;", "keyId": "&lt;8 hex digits&gt;", …}}
 * </pre>
 */
public final class InclusionProofCheck {

    /** The outcome: {@code ok}, and either what was proven or the first thing that failed. */
    public record Result(boolean ok, String message, List<String> checked) {
    }

    private InclusionProofCheck() {
    }

    /** Checks the proof; {@code expectedOrigin} may be null to accept the origin the checkpoint names. */
    public static Result check(JsonNode proof, PublicKey publicKey, String expectedOrigin) {
        List<String> checked = new ArrayList<>();
        try {
            JsonNode signed = required(proof, "checkpoint");
            Checkpoint checkpoint;
            try {
                checkpoint = Checkpoint.parse(text(signed, "body"));
            } catch (IllegalArgumentException e) {
                return fail("the checkpoint body is not a checkpoint: " + e.getMessage(), checked);
            }
            byte[] signature = base64(signed, "signature");
            if (!Ed25519Keys.verify(publicKey, checkpoint.bodyBytes(), signature)) {
                return fail("the checkpoint's signature is not this public key's signature over its body", checked);
            }
            byte[] rawKey = Ed25519Keys.rawPublicKey(publicKey);
            checked.add("the Ed25519 signature over the checkpoint body verifies with the public key");
            String keyId = signed.path("keyId").asText(null);
            String ownKeyId = Ed25519Keys.noteKeyIdHex(checkpoint.origin(), rawKey);
            if (keyId != null && !keyId.equalsIgnoreCase(ownKeyId)) {
                return fail("the checkpoint names key id " + keyId + ", but this key's id for " + checkpoint.origin()
                        + " is " + ownKeyId, checked);
            }
            if (expectedOrigin != null && !expectedOrigin.equals(checkpoint.origin())) {
                return fail("the checkpoint is of the log " + checkpoint.origin() + ", not of " + expectedOrigin, checked);
            }
            if (signed.has("treeSize") && signed.get("treeSize").asLong(-1) != checkpoint.treeSize()) {
                return fail("treeSize " + signed.get("treeSize").asText() + " is not the signed tree size "
                        + checkpoint.treeSize(), checked);
            }
            if (signed.has("rootHash") && !MessageDigest.isEqual(base64(signed, "rootHash"), checkpoint.rootHash())) {
                return fail("rootHash is not the signed root hash", checked);
            }
            checked.add("the checkpoint is of the log " + checkpoint.origin() + " at tree size " + checkpoint.treeSize());

            long leafIndex = required(proof, "leafIndex").asLong(-1);
            if (!proof.get("leafIndex").canConvertToLong() || leafIndex < 0 || leafIndex >= checkpoint.treeSize()) {
                return fail("leafIndex " + proof.get("leafIndex").asText() + " is not a leaf of a tree of "
                        + checkpoint.treeSize() + " leaves", checked);
            }
            byte[] record = base64(proof, "record");
            byte[] leafHash = MerkleHashing.leafHash(record);
            if (proof.has("leafHash") && !MessageDigest.isEqual(base64(proof, "leafHash"), leafHash)) {
                return fail("leafHash is not SHA-256(0x00 || record)", checked);
            }
            checked.add("the record (" + record.length + " bytes) hashes to leaf hash " + HexFormat.of().formatHex(leafHash));

            JsonNode path = required(proof, "auditPath");
            if (!path.isArray()) {
                return fail("auditPath is not an array", checked);
            }
            List<byte[]> auditPath = new ArrayList<>();
            for (JsonNode element : path) {
                auditPath.add(decode(element.asText(), "an auditPath element"));
            }
            byte[] root;
            try {
                root = ProofVerification.rootFromInclusion(leafIndex, checkpoint.treeSize(), leafHash, auditPath);
            } catch (ProofVerification.MalformedProofException e) {
                return fail("the audit path does not fit leaf " + leafIndex + " of " + checkpoint.treeSize() + ": "
                        + e.getMessage(), checked);
            }
            if (!MessageDigest.isEqual(root, checkpoint.rootHash())) {
                return fail("the audit path leads to root " + Base64.getEncoder().encodeToString(root)
                        + ", not to the signed root " + Base64.getEncoder().encodeToString(checkpoint.rootHash()), checked);
            }
            checked.add("the audit path of " + auditPath.size() + " hashes leads from the leaf to the signed root");
            return new Result(true, "the record is leaf " + leafIndex + " of the log " + checkpoint.origin()
                    + " at tree size " + checkpoint.treeSize() + ", signed by key " + ownKeyId, checked);
        } catch (MissingField e) {
            return fail(e.getMessage(), checked);
        }
    }

    private static Result fail(String why, List<String> checked) {
        return new Result(false, why, checked);
    }

    private static final class MissingField extends RuntimeException {
        MissingField(String message) {
            super(message, null, false, false);
        }
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || value.isNull()) {
            throw new MissingField("the proof has no " + field);
        }
        return value;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = required(node, field);
        if (!value.isTextual()) {
            throw new MissingField(field + " is not a string");
        }
        return value.asText();
    }

    private static byte[] base64(JsonNode node, String field) {
        return decode(text(node, field), field);
    }

    private static byte[] decode(String text, String what) {
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new MissingField(what + " is not base64: " + e.getMessage());
        }
    }
}
