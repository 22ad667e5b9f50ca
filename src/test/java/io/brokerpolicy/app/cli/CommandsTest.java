package io.brokerpolicy.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.brokerpolicy.bundle.BundleReader;
import io.brokerpolicy.bundle.ScenarioParser;
import io.brokerpolicy.intake.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The command line in process: argument parsing, exit codes, and the three report formats read back with a
 * JSON and an XML parser, on the repository's own rules and on copies changed the way a risk team would.
 */
class CommandsTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T00:00:00Z"), ZoneOffset.UTC);
    static final Path CASES = Path.of("src/test/resources/cases");

    record Ran(int exit, String out, String err) {
    }

    static Ran run(String... args) {
        return runWithInput("", args);
    }

    static Ran runWithInput(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Commands.run(List.of(args), new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), CLOCK);
        return new Ran(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static String[] with(String[] first, String... more) {
        return Stream.concat(Stream.of(first), Stream.of(more)).toArray(String[]::new);
    }

    static int scenariosInRepository() {
        return new ScenarioParser().parse(BundleReader.read(Path.of("rules"), Path.of("policies")).files()).scenarios().size();
    }

    @Test
    void argumentsTakeValuesBothWaysFlagsAndPositionals() throws UsageException {
        Arguments parsed = Arguments.parse(List.of("--rules", "r", "--policies=p", "--coverage", "snap.json", "--", "--odd"),
                Set.of("--rules", "--policies"), Set.of("--coverage"));
        assertThat(parsed.value("--rules", null)).isEqualTo("r");
        assertThat(parsed.value("--policies", null)).isEqualTo("p");
        assertThat(parsed.value("--format", "text")).isEqualTo("text");
        assertThat(parsed.has("--coverage")).isTrue();
        assertThat(parsed.positional()).containsExactly("snap.json", "--odd");
    }

    @Test
    void argumentsRefuseWhatTheCommandDoesNotKnow() {
        Set<String> values = Set.of("--rules");
        Set<String> flags = Set.of("--coverage");
        assertThatThrownBy(() -> Arguments.parse(List.of("--verbose"), values, flags)).hasMessage("unknown option --verbose");
        assertThatThrownBy(() -> Arguments.parse(List.of("--rules"), values, flags)).hasMessage("--rules needs a value");
        assertThatThrownBy(() -> Arguments.parse(List.of("--rules="), values, flags)).hasMessage("--rules needs a value");
        assertThatThrownBy(() -> Arguments.parse(List.of("--rules", "a", "--rules", "b"), values, flags))
                .hasMessage("--rules is given twice");
        assertThatThrownBy(() -> Arguments.parse(List.of("--coverage=yes"), values, flags))
                .hasMessage("unknown option --coverage=yes");
    }

    @Test
    void formatsAreNamedInLowerCase() throws UsageException {
        assertThat(TestFormat.named("junit")).isEqualTo(TestFormat.JUNIT);
        assertThat(TestFormat.named("json")).isEqualTo(TestFormat.JSON);
        assertThatThrownBy(() -> TestFormat.named("xml")).hasMessageContaining("text, json or junit");
    }

    @ParameterizedTest
    @ValueSource(strings = {"bogus", "test --format xml", "test --verbose", "test extra", "test --rules no-such-folder",
        "eval", "eval a.json b.json", "eval no-such-file.json", "verify-proof", "help bogus"})
    void badUsageExitsWithTwoAndAUsageLineOnStderr(String line) {
        Ran ran = run(line.split(" "));
        assertThat(ran.exit()).as(line).isEqualTo(2);
        assertThat(ran.err()).as(line).contains("usage:");
        assertThat(ran.out()).as(line).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"help", "--help", "help test", "test --help", "eval -h", "help verify-proof"})
    void helpGoesToStdoutWithZero(String line) {
        Ran ran = run(line.split(" "));
        assertThat(ran.exit()).as(line).isZero();
        assertThat(ran.out()).as(line).startsWith("usage:");
    }

    @Test
    void textListsEveryScenarioAndASummary() {
        Ran ran = run("test");
        assertThat(ran.exit()).as(ran.out()).isZero();
        long passLines = ran.out().lines().filter(l -> l.startsWith("PASS policies/scenarios/")).count();
        assertThat(passLines).isEqualTo(scenariosInRepository());
        assertThat(ran.out().lines().reduce((a, b) -> b).orElseThrow()).startsWith("OK sha256:");
    }

    @Test
    void jsonIsOneDocumentWithEveryScenario() throws IOException {
        Ran ran = run("test", "--format", "json");
        assertThat(ran.exit()).isZero();
        JsonNode report = Json.MAPPER.readTree(ran.out());
        assertThat(report.get("passed").asBoolean()).isTrue();
        assertThat(report.get("summary").get("scenarios").asInt()).isEqualTo(scenariosInRepository());
        assertThat(report.get("summary").get("failed").asInt()).isZero();
        assertThat(report.get("scenarios")).hasSize(scenariosInRepository());
        for (JsonNode scenario : report.get("scenarios")) {
            assertThat(scenario.get("passed").asBoolean()).isTrue();
            assertThat(scenario.has("failure")).isFalse();
            assertThat(scenario.get("firedRules")).isNotEmpty();
        }
        assertThat(report.has("coverage")).isFalse();
        List<String> fields = new ArrayList<>();
        report.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("passed", "bundleHash", "files", "summary", "seconds", "errors", "scenarios");
    }

    @Test
    void junitIsXmlWithASuitePerScenarioFile() throws Exception {
        Ran ran = run("test", "--format", "junit");
        assertThat(ran.exit()).isZero();
        Document xml = parseXml(ran.out());
        Element suites = xml.getDocumentElement();
        assertThat(suites.getTagName()).isEqualTo("testsuites");
        assertThat(Integer.parseInt(suites.getAttribute("tests"))).isEqualTo(1 + scenariosInRepository());
        assertThat(suites.getAttribute("failures")).isEqualTo("0");
        NodeList cases = xml.getElementsByTagName("testcase");
        assertThat(cases.getLength()).isEqualTo(1 + scenariosInRepository());
        for (int i = 0; i < cases.getLength(); i++) {
            Element testcase = (Element) cases.item(i);
            assertThat(testcase.getAttribute("name")).isNotBlank();
            assertThat(testcase.getAttribute("classname")).isNotBlank();
            assertThat(Double.parseDouble(testcase.getAttribute("time"))).isGreaterThanOrEqualTo(0);
        }
        assertThat(xml.getElementsByTagName("failure").getLength()).isZero();
        assertThat(suiteNames(xml)).containsExactly("bundle", "policies/scenarios/acme-fx.yaml",
                "policies/scenarios/nova-crypto.yaml");
    }

    @Test
    void aFailingScenarioExitsWithOneAndSaysWhy(@TempDir Path dir) throws Exception {
        String[] folders = BundleCopies.folders(BundleCopies.withFailingScenario(dir));
        Ran json = run(with(with(new String[] {"test"}, folders), "--format", "json"));
        assertThat(json.exit()).isEqualTo(1);
        JsonNode report = Json.MAPPER.readTree(json.out());
        assertThat(report.get("passed").asBoolean()).isFalse();
        assertThat(report.get("summary").get("failed").asInt()).isEqualTo(1);
        JsonNode failed = report.get("scenarios").get(0);
        assertThat(failed.get("passed").asBoolean()).isFalse();
        assertThat(failed.get("failure").asText()).contains("expected status MARGIN_CALL, got HEALTHY");

        Ran junit = run(with(with(new String[] {"test"}, folders), "--format", "junit"));
        assertThat(junit.exit()).isEqualTo(1);
        Document xml = parseXml(junit.out());
        assertThat(xml.getDocumentElement().getAttribute("failures")).isEqualTo("1");
        Element failure = (Element) xml.getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("message")).contains("expected status MARGIN_CALL, got HEALTHY");
        assertThat(((Element) failure.getParentNode()).getAttribute("file")).isEqualTo("policies/scenarios/acme-fx.yaml");

        Ran text = run(with(new String[] {"test"}, folders));
        assertThat(text.exit()).isEqualTo(1);
        assertThat(text.out()).contains("FAIL policies/scenarios/acme-fx.yaml:").contains("FAILED sha256:");
    }

    @Test
    void aBundleThatDoesNotCompileFailsTheBundleCase(@TempDir Path dir) throws Exception {
        String[] folders = BundleCopies.folders(BundleCopies.withBrokenRule(dir));
        Ran junit = run(with(with(new String[] {"test"}, folders), "--format", "junit"));
        assertThat(junit.exit()).isEqualTo(1);
        Document xml = parseXml(junit.out());
        Element bundleCase = (Element) xml.getElementsByTagName("testcase").item(0);
        assertThat(bundleCase.getAttribute("name")).isEqualTo(JunitTestReport.BUNDLE_CASE);
        assertThat(bundleCase.getElementsByTagName("failure").item(0).getTextContent()).contains("rules/broken.drl:");
    }

    @Test
    void coverageNamesTheRuleNoScenarioFires(@TempDir Path dir) throws Exception {
        String[] folders = BundleCopies.folders(BundleCopies.withUnexercisedConcentrationRule(dir));
        Ran json = run(with(with(new String[] {"test"}, folders), "--format", "json", "--coverage"));
        assertThat(json.exit()).as(json.out()).isZero();
        JsonNode coverage = Json.MAPPER.readTree(json.out()).get("coverage");
        List<String> notFired = new ArrayList<>();
        coverage.get("notFired").forEach(r -> notFired.add(r.get("file").asText() + ": " + r.get("rule").asText()));
        assertThat(notFired).contains("rules/concentration.drl: SinglePositionAboveConcentrationLimit");
        assertThat(coverage.get("fired").asInt() + notFired.size()).isEqualTo(coverage.get("rules").asInt());

        Ran text = run(with(with(new String[] {"test"}, folders), "--coverage"));
        assertThat(text.out()).contains("not fired: rules/concentration.drl: SinglePositionAboveConcentrationLimit");
    }

    @Test
    void aRuleAScenarioFiresIsNotListed(@TempDir Path dir) throws Exception {
        String[] folders = BundleCopies.folders(BundleCopies.withExercisedConcentrationRule(dir));
        Ran json = run(with(with(new String[] {"test"}, folders), "--format", "json", "--coverage"));
        assertThat(json.exit()).as(json.out()).isZero();
        JsonNode coverage = Json.MAPPER.readTree(json.out()).get("coverage");
        coverage.get("notFired").forEach(r -> assertThat(r.get("rule").asText()).isNotEqualTo("SinglePositionAboveConcentrationLimit"));
    }

    static Stream<String> goldenCases() throws IOException {
        try (Stream<Path> dirs = Files.list(CASES)) {
            return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList().stream();
        }
    }

    /** eval gives the service's verdict: every golden case's expected.json, all but the id, time and hash. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenCases")
    void evalGivesTheGoldenVerdict(String name) throws IOException {
        Ran ran = run("eval", CASES.resolve(name).resolve("snapshot.json").toString());
        assertThat(ran.exit()).as(ran.err()).isZero();
        JsonNode expected = Json.MAPPER.readTree(Files.readString(CASES.resolve(name).resolve("expected.json")));
        assertThat(normalised(Json.MAPPER.readTree(ran.out())).toPrettyString())
                .isEqualTo(normalised(expected).toPrettyString());
    }

    @Test
    void evalReadsStandardInputAndAnswersBadSnapshotsWithTheFieldErrors() throws IOException {
        Ran ran = runWithInput("{\"snapshotId\": \"bad-1\", \"balance\": \"NaN\", \"positions\": []}", "eval", "-");
        assertThat(ran.exit()).isEqualTo(1);
        JsonNode body = Json.MAPPER.readTree(ran.out());
        assertThat(body.get("error").asText()).isEqualTo("the account snapshot is not valid");
        List<String> fields = new ArrayList<>();
        body.get("details").forEach(d -> fields.add(d.get("field").asText()));
        assertThat(fields).contains("accountId", "balance");

        Ran notJson = runWithInput("{not json", "eval", "-");
        assertThat(notJson.exit()).isEqualTo(1);
        assertThat(Json.MAPPER.readTree(notJson.out()).get("error").asText()).isEqualTo("the snapshot is not valid JSON");
    }

    static JsonNode normalised(JsonNode verdict) {
        ObjectNode copy = verdict.deepCopy();
        copy.remove("verdictId");
        copy.remove("evaluatedAt");
        ((ObjectNode) copy.get("policy")).remove("hash");
        ((ObjectNode) copy.get("policy")).remove("version");
        if (copy.get("explanation") != null) {
            // the explanation names the version, which is 0 on the command line
            copy.put("explanation", copy.get("explanation").asText().replaceAll("\\(version \\d+\\)", "(version N)"));
        }
        return copy;
    }

    static Document parseXml(String text) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    static List<String> suiteNames(Document xml) {
        NodeList suites = xml.getElementsByTagName("testsuite");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < suites.getLength(); i++) {
            names.add(((Element) suites.item(i)).getAttribute("name"));
        }
        return names;
    }
}
