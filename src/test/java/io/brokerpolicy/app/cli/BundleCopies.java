package io.brokerpolicy.app.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;

/**
 * Copies of the repository's rules and policies in a temporary folder, changed the way a risk team would:
 * an extra rule no scenario exercises, a scenario that expects the wrong status, a rule that does not compile.
 * Shared by the command line's unit test and its integration test against the packaged jar.
 */
final class BundleCopies {

    private BundleCopies() {
    }

    /** rules/ and policies/ as in the repository, under {@code dir}. */
    static Path copy(Path dir) throws IOException {
        copyTree(Path.of("rules"), dir.resolve("rules"));
        copyTree(Path.of("policies"), dir.resolve("policies"));
        return dir;
    }

    /** The README's concentration rule and its policy parameter, but not its scenario: a rule nothing fires. */
    static Path withUnexercisedConcentrationRule(Path dir) throws IOException {
        copy(dir);
        Files.copy(Path.of("examples/concentration/concentration.drl"), dir.resolve("rules/concentration.drl"));
        Files.writeString(dir.resolve("policies/acme-fx.yaml"),
                "\n" + Files.readString(Path.of("examples/concentration/acme-fx-concentration.yaml")),
                StandardOpenOption.APPEND);
        return dir;
    }

    /** The same, with the example's scenario too: now the rule is fired. */
    static Path withExercisedConcentrationRule(Path dir) throws IOException {
        withUnexercisedConcentrationRule(dir);
        Files.copy(Path.of("examples/concentration/concentration-scenario.yaml"),
                dir.resolve("policies/scenarios/concentration.yaml"));
        return dir;
    }

    /** The first acme-fx scenario expects MARGIN_CALL where the rules say HEALTHY. */
    static Path withFailingScenario(Path dir) throws IOException {
        copy(dir);
        Path scenarios = dir.resolve("policies/scenarios/acme-fx.yaml");
        String text = Files.readString(scenarios, StandardCharsets.UTF_8);
        Files.writeString(scenarios, text.replaceFirst("status: HEALTHY", "status: MARGIN_CALL"), StandardCharsets.UTF_8);
        return dir;
    }

    /** A rule file with a syntax error on its third line. */
    static Path withBrokenRule(Path dir) throws IOException {
        copy(dir);
        Files.writeString(dir.resolve("rules/broken.drl"), "package rules;\n\nrule \"Broken\" when then\n");
        return dir;
    }

    static String[] folders(Path dir) {
        return new String[] {"--rules", dir.resolve("rules").toString(), "--policies", dir.resolve("policies").toString()};
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path source : walk.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }
}
