package io.brokerpolicy.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * How a link of the audit chain is hashed: sha256 over the previous link's hash and every stored column
 * of the row, each written as its length, a colon and its UTF-8 text, so no two rows can hash alike by
 * moving text from one column into the next.
 */
public final class AuditHashes {

    private AuditHashes() {
    }

    public static String ofVerdict(VerdictRecord v) {
        return hash("verdict", v.prevHash(), Long.toString(v.chainSeq()), v.verdictId().toString(), v.snapshotId(),
                v.snapshotHash(), v.accountId(), v.brokerId(), v.accountType(), v.status(),
                Long.toString(v.policyVersion()), v.policyHash(), v.asOf().toString(), v.evaluatedAt().toString(),
                v.snapshot(), v.verdict());
    }

    public static String ofPolicyEvent(PolicyEventRecord e) {
        return hash("policy_event", e.prevHash(), Long.toString(e.chainSeq()), Long.toString(e.version()), e.action(),
                e.actor(), e.at().toString(), e.detail() == null ? "" : e.detail());
    }

    public static String sha256(String text) {
        return "sha256:" + HexFormat.of().formatHex(digest().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static String hash(String... fields) {
        MessageDigest digest = digest();
        for (String field : fields) {
            byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
            digest.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
            digest.update(bytes);
        }
        return "sha256:" + HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", e);
        }
    }
}
