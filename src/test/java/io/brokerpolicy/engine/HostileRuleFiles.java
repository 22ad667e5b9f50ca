package io.brokerpolicy.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The hostile rule files of {@code src/test/resources/hostile-rules}: each starts with
 * {@code // refused at line N: what it tries}, the line at which the rule language must refuse it. Their
 * payloads, were they ever run, would create {@link #MARKER} or set the system property {@link #PROPERTY}.
 */
public final class HostileRuleFiles {

    public static final Path FOLDER = Path.of("src/test/resources/hostile-rules");
    public static final Path MARKER = Path.of("target/hostile-marker");
    public static final String PROPERTY = "brokerpolicy.hostile";
    private static final Pattern HEADER = Pattern.compile("// refused at line (\\d+): (.*)");

    /** One hostile file: its name, content, the line it must be refused at and what it tries. */
    public record Hostile(String name, String content, int line, String attack) {
        public String bundlePath() {
            return "rules/" + name;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private HostileRuleFiles() {
    }

    public static List<Hostile> all() {
        try (Stream<Path> files = Files.list(FOLDER)) {
            return files.filter(p -> p.toString().endsWith(".drl")).sorted().map(HostileRuleFiles::read).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Hostile read(Path file) {
        try {
            String content = Files.readString(file);
            Matcher header = HEADER.matcher(content.lines().findFirst().orElse(""));
            if (!header.matches()) {
                throw new IllegalStateException(file + " must start with '// refused at line N: ...'");
            }
            return new Hostile(file.getFileName().toString(), content, Integer.parseInt(header.group(1)), header.group(2));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** True when no payload ran: no marker file, no system property. */
    public static boolean noSideEffect() {
        return !Files.exists(MARKER) && System.getProperty(PROPERTY) == null;
    }
}
