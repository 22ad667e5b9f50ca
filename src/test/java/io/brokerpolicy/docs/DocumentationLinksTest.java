package io.brokerpolicy.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README and docs/ read in a fresh clone: every relative link names a file of the repository and, with
 * a {@code #anchor}, a heading of that file (GitHub's anchors); every docs/*.md a source comment mentions
 * exists; nothing points outside the clone.
 */
class DocumentationLinksTest {

    private static final Path ROOT = Path.of("").toAbsolutePath();
    /** {@code [text](target)} and {@code ![alt](target)}, target up to a space or the closing parenthesis. */
    private static final Pattern LINK = Pattern.compile("!?\\[[^\\]]*\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");
    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*?)\\s*#*\\s*$");
    private static final Pattern DOCS_MENTION = Pattern.compile("docs/[A-Za-z0-9_-]+\\.md");

    static List<Path> documents() throws IOException {
        List<Path> documents = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(documents::add);
        }
        return documents;
    }

    @Test
    void everyRelativeLinkAndAnchorResolvesInTheClone() throws IOException {
        List<String> broken = new ArrayList<>();
        int checked = 0;
        for (Path document : documents()) {
            for (String target : links(document)) {
                if (target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
                    continue; // https:, mailto: … are outside the clone by design
                }
                checked++;
                int hash = target.indexOf('#');
                String file = hash < 0 ? target : target.substring(0, hash);
                String anchor = hash < 0 ? null : target.substring(hash + 1);
                Path resolved = file.isEmpty() ? document : document.getParent().resolve(file).normalize();
                String where = ROOT.relativize(document) + " -> " + target;
                if (!resolved.startsWith(ROOT)) {
                    broken.add(where + ": outside the repository");
                } else if (!Files.exists(resolved)) {
                    broken.add(where + ": no such file");
                } else if (anchor != null && resolved.toString().endsWith(".md") && !anchors(resolved).contains(anchor)) {
                    broken.add(where + ": no heading with this anchor in " + ROOT.relativize(resolved));
                }
            }
        }
        assertThat(broken).as("broken links").isEmpty();
        assertThat(checked).as("relative links checked").isGreaterThan(20);
    }

    @Test
    void theUsersReferencesExist() {
        assertThat(ROOT.resolve("docs/domain.md")).exists();
        assertThat(ROOT.resolve("docs/api.md")).exists();
    }

    @Test
    void everyDocsPageACommentMentionsExists() throws IOException {
        Set<String> missing = new HashSet<>();
        for (String tree : new String[] {"src/main", "src/test", "rules", "policies", "bench"}) {
            Path dir = ROOT.resolve(tree);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.filter(Files::isRegularFile)
                        .filter(f -> f.toString().matches(".*\\.(java|js|html|css|properties|drl|yaml|yml|sh|sql)$")).toList()) {
                    Matcher m = DOCS_MENTION.matcher(Files.readString(file, StandardCharsets.UTF_8));
                    while (m.find()) {
                        if (!Files.exists(ROOT.resolve(m.group()))) {
                            missing.add(ROOT.relativize(file) + " mentions " + m.group());
                        }
                    }
                }
            }
        }
        assertThat(missing).as("docs pages mentioned but missing").isEmpty();
    }

    @Test
    void nothingPointsOutsideTheClone() throws IOException {
        for (Path document : documents()) {
            assertThat(Files.readString(document)).as(ROOT.relativize(document).toString()).doesNotContain("../shared");
        }
    }

    @Test
    void anchorsAreGitHubs() {
        assertThat(slug("7. Scenarios: your own test cases")).isEqualTo("7-scenarios-your-own-test-cases");
        assertThat(slug("Worked example: a single-position concentration limit"))
                .isEqualTo("worked-example-a-single-position-concentration-limit");
        assertThat(slug("The `test` command (CI)")).isEqualTo("the-test-command-ci");
    }

    /** The link targets of a Markdown file, outside fenced code blocks and inline code. */
    static List<String> links(Path document) throws IOException {
        List<String> targets = new ArrayList<>();
        boolean fenced = false;
        for (String line : Files.readAllLines(document, StandardCharsets.UTF_8)) {
            if (line.stripLeading().startsWith("```")) {
                fenced = !fenced;
                continue;
            }
            if (fenced) {
                continue;
            }
            Matcher m = LINK.matcher(line.replaceAll("`[^`]*`", "``"));
            while (m.find()) {
                targets.add(m.group(1));
            }
        }
        return targets;
    }

    /** The anchors GitHub gives a file's headings; a repeated heading gets -1, -2 … */
    static Set<String> anchors(Path document) throws IOException {
        Set<String> anchors = new HashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        boolean fenced = false;
        for (String line : Files.readAllLines(document, StandardCharsets.UTF_8)) {
            if (line.stripLeading().startsWith("```")) {
                fenced = !fenced;
                continue;
            }
            Matcher m = HEADING.matcher(line);
            if (fenced || !m.matches()) {
                continue;
            }
            String slug = slug(m.group(1));
            int count = seen.merge(slug, 1, Integer::sum);
            anchors.add(count == 1 ? slug : slug + "-" + (count - 1));
        }
        return anchors;
    }

    static String slug(String heading) {
        String text = heading.replaceAll("\\[([^\\]]*)\\]\\([^)]*\\)", "$1").toLowerCase(Locale.ROOT);
        return text.replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
    }
}
