package io.brokerpolicy.bundle;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One revision of the whole policy: every file of the rules and policies folders, by bundle path
 * ({@code rules/margin.drl}, {@code policies/acme-fx.yaml}). Its hash identifies it: sha256 over the
 * files in path order, each as its path, a NUL, its UTF-8 content and a NUL, so that no two different
 * bundles can be cut to the same byte stream.
 */
public final class PolicyBundle {

    public static final String RULES_PREFIX = "rules/";
    public static final String POLICIES_PREFIX = "policies/";

    private final SortedMap<String, String> files;
    private final String hash;

    public PolicyBundle(Map<String, String> files) {
        this.files = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(files));
        this.hash = "sha256:" + sha256(this.files);
    }

    public SortedMap<String, String> files() {
        return files;
    }

    public String hash() {
        return hash;
    }

    public List<String> paths() {
        return List.copyOf(files.keySet());
    }

    public Map<String, String> ruleFiles() {
        TreeMap<String, String> rules = new TreeMap<>();
        files.forEach((path, content) -> {
            if (path.startsWith(RULES_PREFIX) && path.endsWith(".drl")) {
                rules.put(path, content);
            }
        });
        return rules;
    }

    private static String sha256(SortedMap<String, String> files) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, String> file : files.entrySet()) {
                digest.update(file.getKey().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(file.getValue().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", e);
        }
    }
}
