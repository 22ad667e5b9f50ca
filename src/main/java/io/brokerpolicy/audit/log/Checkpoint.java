package io.brokerpolicy.audit.log;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * A tree head in the C2SP tlog-checkpoint form: the note text {@code <origin>\n<size>\n<base64 root>\n},
 * which is exactly what gets signed. Go's checksum database, Sigstore and the transparency-dev witnesses
 * read and cosign this form, so a checkpoint of this log can be witnessed by their tools.
 */
public record Checkpoint(String origin, long treeSize, byte[] rootHash) {

    private static final Pattern SIZE = Pattern.compile("0|[1-9][0-9]{0,18}");

    public Checkpoint {
        requireOrigin(origin);
        if (treeSize < 0) {
            throw new IllegalArgumentException("a tree size is not negative: " + treeSize);
        }
        if (rootHash == null || rootHash.length != MerkleHashing.HASH_SIZE) {
            throw new IllegalArgumentException("a root hash has " + MerkleHashing.HASH_SIZE + " bytes");
        }
        rootHash = rootHash.clone();
    }

    /** The signed text, with its final newline. */
    public String body() {
        return origin + "\n" + treeSize + "\n" + Base64.getEncoder().encodeToString(rootHash) + "\n";
    }

    public byte[] bodyBytes() {
        return body().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] rootHash() {
        return rootHash.clone();
    }

    /**
     * Reads a checkpoint body strictly: three non-empty lines, each ending in a newline, a size without
     * leading zeros and a root of 32 bytes in standard base64; extension lines are refused, since this log
     * signs none and a verifier must not trust text it does not check.
     */
    public static Checkpoint parse(String body) {
        if (body == null || !body.endsWith("\n")) {
            throw new IllegalArgumentException("a checkpoint body ends with a newline");
        }
        String[] lines = body.substring(0, body.length() - 1).split("\n", -1);
        if (lines.length != 3) {
            throw new IllegalArgumentException("a checkpoint body has three lines (origin, tree size, root hash), not "
                    + lines.length);
        }
        if (!SIZE.matcher(lines[1]).matches()) {
            throw new IllegalArgumentException("the tree size line '" + lines[1] + "' is not a decimal number without leading zeros");
        }
        byte[] root;
        try {
            root = Base64.getDecoder().decode(lines[2]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the root hash line is not base64: " + e.getMessage());
        }
        if (!Base64.getEncoder().encodeToString(root).equals(lines[2])) {
            throw new IllegalArgumentException("the root hash line is not in canonical base64");
        }
        return new Checkpoint(lines[0], Long.parseLong(lines[1]), root);
    }

    /** An origin (and signed-note key name) is non-empty, without spaces, plus signs or control characters. */
    public static String requireOrigin(String origin) {
        if (origin == null || origin.isEmpty()) {
            throw new IllegalArgumentException("a log origin is not empty");
        }
        for (int i = 0; i < origin.length(); i++) {
            char c = origin.charAt(i);
            if (c <= ' ' || c == '+' || Character.isWhitespace(c) || Character.isSpaceChar(c) || c == 0x7f) {
                throw new IllegalArgumentException("a log origin has no spaces, plus signs or control characters: '"
                        + origin + "'");
            }
        }
        return origin;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Checkpoint c && c.origin.equals(origin) && c.treeSize == treeSize
                && Arrays.equals(c.rootHash, rootHash);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * origin.hashCode() + Long.hashCode(treeSize)) + Arrays.hashCode(rootHash);
    }

    @Override
    public String toString() {
        return body().replace("\n", " ").trim();
    }
}
