package io.brokerpolicy.testsupport;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A service whose rules-dir and policies-dir are a throwaway copy of the repository's, so that tests can
 * edit files and watch the service reload them without touching the real rules/ and policies/.
 */
public class TempPolicyFolders implements QuarkusTestProfile {

    public static final Path ROOT = copyOfRepositoryBundle();
    public static final Path RULES = ROOT.resolve("rules");
    public static final Path POLICIES = ROOT.resolve("policies");

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "brokerpolicy.rules-dir", RULES.toString(),
                "brokerpolicy.policies-dir", POLICIES.toString(),
                "brokerpolicy.watch.debounce-millis", "200",
                "brokerpolicy.cluster.resync-interval-millis", "2000");
    }

    /** The repository's file as it is in the original folders. */
    public static String original(String bundlePath) {
        try {
            return Files.readString(Path.of(bundlePath));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a file of the temp bundle the way an editor saves: a temp file, then a rename over the old one. */
    public static void save(String bundlePath, String content) {
        try {
            Path target = ROOT.resolve(bundlePath);
            Files.createDirectories(target.getParent());
            Path temp = target.resolveSibling("." + target.getFileName() + ".swp");
            Files.writeString(temp, content);
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path copyOfRepositoryBundle() {
        try {
            // The profile and the test class may live in different class loaders: both must find one folder.
            Path root = Path.of("target", "test-bundle-" + ProcessHandle.current().pid()).toAbsolutePath();
            if (Files.isDirectory(root)) {
                return root;
            }
            for (String folder : new String[] {"rules", "policies"}) {
                Path source = Path.of(folder);
                try (Stream<Path> walk = Files.walk(source)) {
                    for (Path p : walk.toList()) {
                        Path target = root.resolve(folder).resolve(source.relativize(p).toString());
                        if (Files.isDirectory(p)) {
                            Files.createDirectories(target);
                        } else {
                            Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                        }
                    }
                }
            }
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
