package io.brokerpolicy.bundle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Reads the rules and policies folders into a bundle: {@code .drl} files and {@code .yaml}/{@code .yml} files. */
public final class BundleReader {

    /** A single file larger than this is refused: a policy is text a person edits, not a data dump. */
    static final long MAX_FILE_BYTES = 1_000_000;

    private BundleReader() {
    }

    public static PolicyBundle read(Path rulesDir, Path policiesDir) {
        Map<String, String> files = new TreeMap<>();
        collect(rulesDir, PolicyBundle.RULES_PREFIX, files);
        collect(policiesDir, PolicyBundle.POLICIES_PREFIX, files);
        return new PolicyBundle(files);
    }

    public static boolean isBundleFile(String name) {
        return !name.startsWith(".") && (name.endsWith(".drl") || name.endsWith(".yaml") || name.endsWith(".yml"));
    }

    private static void collect(Path dir, String prefix, Map<String, String> files) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                if (!isBundleFile(file.getFileName().toString())) {
                    continue;
                }
                if (Files.size(file) > MAX_FILE_BYTES) {
                    throw new UncheckedIOException(new IOException(file + " is larger than " + MAX_FILE_BYTES + " bytes"));
                }
                String relative = dir.relativize(file).toString().replace('\\', '/');
                files.put(prefix + relative, Files.readString(file, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir, e);
        }
    }
}
