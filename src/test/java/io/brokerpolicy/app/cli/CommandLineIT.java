package io.brokerpolicy.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.brokerpolicy.intake.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The packaged jar as a risk team's CI runs it: {@code java -jar target/quarkus-app/quarkus-run.jar COMMAND},
 * built by {@code ./mvnw verify} before the ITs run. No database and no server are started: the commands run
 * in a folder with no data directory and leave none behind.
 */
class CommandLineIT {

    static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");

    record Ran(int exit, String out, String err) {
    }

    static Ran jar(Path workingDir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(workingDir.toFile()).start();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("java -jar quarkus-run.jar " + String.join(" ", args) + " did not exit");
        }
        return new Ran(process.exitValue(), out.join(), err.join());
    }

    private static String read(java.io.InputStream stream) {
        try {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void junitReportOfTheRepositoryScenariosIsXmlACiCanRead(@TempDir Path scratch) throws Exception {
        Path work = BundleCopies.copy(scratch);
        Ran ran = jar(work, "test", "--format", "junit");
        assertThat(ran.exit()).as(ran.err()).isZero();
        Document xml = CommandsTest.parseXml(ran.out());
        Element suites = xml.getDocumentElement();
        assertThat(suites.getTagName()).isEqualTo("testsuites");
        int scenarios = CommandsTest.scenariosInRepository();
        assertThat(suites.getAttribute("tests")).isEqualTo(String.valueOf(1 + scenarios));
        assertThat(suites.getAttribute("failures")).isEqualTo("0");
        NodeList cases = xml.getElementsByTagName("testcase");
        assertThat(cases.getLength()).isEqualTo(1 + scenarios);
        for (int i = 1; i < cases.getLength(); i++) {
            Element testcase = (Element) cases.item(i);
            assertThat(testcase.getAttribute("file")).startsWith("policies/scenarios/");
            assertThat(Integer.parseInt(testcase.getAttribute("line"))).isPositive();
        }
        assertThat(xml.getElementsByTagName("failure").getLength()).isZero();
        try (Stream<Path> left = Files.list(work)) {
            assertThat(left.map(p -> p.getFileName().toString())).as("no database, no users file")
                    .containsExactlyInAnyOrder("rules", "policies");
        }
    }

    @Test
    void coverageNamesTheRuleNoScenarioFires(@TempDir Path scratch) throws Exception {
        Path work = BundleCopies.withUnexercisedConcentrationRule(scratch);
        Ran ran = jar(work, "test", "--coverage");
        assertThat(ran.exit()).as(ran.out() + ran.err()).isZero();
        assertThat(ran.out()).contains("not fired: rules/concentration.drl: SinglePositionAboveConcentrationLimit");
    }

    @Test
    void aFailingScenarioExitsWithOne(@TempDir Path scratch) throws Exception {
        Path work = BundleCopies.withFailingScenario(scratch);
        Ran ran = jar(work, "test", "--format", "json");
        assertThat(ran.exit()).isEqualTo(1);
        JsonNode report = Json.MAPPER.readTree(ran.out());
        assertThat(report.get("summary").get("failed").asInt()).isEqualTo(1);
    }

    @Test
    void badUsageExitsWithTwoAndAUsageLine(@TempDir Path scratch) throws Exception {
        for (String[] args : new String[][] {{"test", "--format", "xml"}, {"no-such-command"}, {"eval"}, {"verify-proof", "proof.json"}}) {
            Ran ran = jar(scratch, args);
            assertThat(ran.exit()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(ran.err()).as(String.join(" ", args)).contains("usage:");
        }
    }

    @Test
    void evalOfEveryExampleGivesItsVerdict(@TempDir Path scratch) throws Exception {
        Path repository = Path.of("").toAbsolutePath();
        List<Path> examples;
        try (Stream<Path> files = Files.list(Path.of("examples"))) {
            examples = files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList();
        }
        assertThat(examples).isNotEmpty();
        for (Path example : examples) {
            Ran ran = jar(repository, "eval", example.toString());
            assertThat(ran.exit()).as(example + ": " + ran.err()).isZero();
            JsonNode snapshot = Json.MAPPER.readTree(Files.readString(example));
            JsonNode verdict = Json.MAPPER.readTree(ran.out());
            assertThat(verdict.get("snapshotId").asText()).isEqualTo(snapshot.get("snapshotId").asText());
            assertThat(verdict.get("status").asText()).isIn("HEALTHY", "MARGIN_CALL", "STOP_OUT");
            assertThat(verdict.get("explanation").asText()).contains(snapshot.get("accountId").asText());
        }
        // the concentration example needs its rule, which the repository's rules do not have
        String[] folders = BundleCopies.folders(BundleCopies.withExercisedConcentrationRule(scratch));
        Ran concentration = jar(repository, CommandsTest.with(new String[] {"eval"}, CommandsTest.with(folders,
                Path.of("examples/concentration/snapshot.json").toAbsolutePath().toString())));
        assertThat(concentration.exit()).as(concentration.err()).isZero();
        assertThat(concentration.out()).contains("\"code\":\"CONCENTRATION_LIMIT_EXCEEDED\"");
    }

    @Test
    void evalGivesTheGoldenVerdict() throws Exception {
        Path repository = Path.of("").toAbsolutePath();
        Path golden = CommandsTest.CASES.resolve("04-stop-out-closes-two-in-order");
        Ran ran = jar(repository, "eval", golden.resolve("snapshot.json").toString());
        assertThat(ran.exit()).as(ran.err()).isZero();
        JsonNode expected = Json.MAPPER.readTree(Files.readString(golden.resolve("expected.json")));
        assertThat(CommandsTest.normalised(Json.MAPPER.readTree(ran.out())).toPrettyString())
                .isEqualTo(CommandsTest.normalised(expected).toPrettyString());
    }
}
