package io.brokerpolicy.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.brokerpolicy.audit.VerdictDocument;
import io.brokerpolicy.audit.VerdictSchemas;
import io.brokerpolicy.bundle.BundleReader;
import io.brokerpolicy.domain.AccountSnapshot;
import io.brokerpolicy.domain.Verdict;
import io.brokerpolicy.intake.Json;
import io.brokerpolicy.intake.SnapshotParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every folder under {@code src/test/resources/cases} is one golden case: {@code snapshot.json} evaluated by
 * the real rules and policies of this repository must give {@code expected.json}. The verdict's id, time
 * and bundle hash are left out of the comparison; everything else, scale of every number included, counts.
 */
class GoldenCasesTest {

    static final Path CASES = Path.of("src/test/resources/cases");
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T00:00:00Z"), ZoneOffset.UTC);
    static CompiledPolicy policy;

    @BeforeAll
    static void compileRepositoryBundle() {
        PolicyCompiler.Result result = new PolicyCompiler().compile(BundleReader.read(Path.of("rules"), Path.of("policies")), 1);
        assertThat(result.errors()).isEmpty();
        policy = result.policy();
    }

    static Stream<String> cases() throws IOException {
        try (Stream<Path> dirs = Files.list(CASES)) {
            return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void verdictMatchesExpected(String name) throws IOException {
        Path dir = CASES.resolve(name);
        JsonNode snapshot = Json.MAPPER.readTree(Files.readString(dir.resolve("snapshot.json")));
        Verdict verdict = policy.evaluate(new SnapshotParser(CLOCK).parse(snapshot, ""));
        JsonNode actual = normalised(VerdictSchemas.view(Json.MAPPER.<JsonNode>valueToTree(VerdictDocument.of("normalised", CLOCK.instant(), verdict))));
        Path expectedFile = dir.resolve("expected.json");
        String actualDir = System.getProperty("golden.actual");
        if (actualDir != null) {
            // For reviewing a change by hand: every case's verdict as it is now, to diff against expected.json.
            Files.createDirectories(Path.of(actualDir));
            Files.writeString(Path.of(actualDir, name + ".json"),
                    Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(actual) + "\n");
        }
        if (!Files.exists(expectedFile) && Boolean.getBoolean("golden.write")) {
            Files.writeString(expectedFile, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(actual) + "\n");
        }
        JsonNode expected = normalised(Json.MAPPER.readTree(Files.readString(expectedFile)));
        assertThat(actual.toPrettyString()).isEqualTo(expected.toPrettyString());
    }

    /**
     * The batch path reuses one session for many snapshots: every case, run through it twice in a row and in
     * both orders, gives the expected verdict and exactly what the one-at-a-time path gives.
     */
    @Test
    void everyCaseGivesTheSameVerdictThroughTheBatchPath() throws IOException {
        List<String> names = new ArrayList<>(cases().toList());
        List<String> order = new ArrayList<>(names);
        List<String> reversed = new ArrayList<>(names);
        Collections.reverse(reversed);
        order.addAll(reversed);
        order.addAll(names);
        SnapshotParser parser = new SnapshotParser(CLOCK);
        List<AccountSnapshot> snapshots = new ArrayList<>();
        for (String name : order) {
            snapshots.add(parser.parse(Json.MAPPER.readTree(Files.readString(CASES.resolve(name).resolve("snapshot.json"))), ""));
        }
        List<Verdict> batch = policy.evaluateAll(snapshots);
        assertThat(batch).hasSize(order.size());
        for (int i = 0; i < order.size(); i++) {
            Verdict verdict = batch.get(i);
            JsonNode actual = normalised(VerdictSchemas.view(Json.MAPPER.<JsonNode>valueToTree(VerdictDocument.of("normalised", CLOCK.instant(), verdict))));
            JsonNode expected = normalised(Json.MAPPER.readTree(Files.readString(CASES.resolve(order.get(i)).resolve("expected.json"))));
            assertThat(actual.toPrettyString()).as(order.get(i) + " at batch index " + i).isEqualTo(expected.toPrettyString());
            assertThat(verdict).as(order.get(i)).isEqualTo(policy.evaluate(snapshots.get(i)));
        }
    }

    static JsonNode normalised(JsonNode verdict) {
        ObjectNode copy = verdict.deepCopy();
        copy.remove("verdictId");
        copy.remove("evaluatedAt");
        ((ObjectNode) copy.get("policy")).remove("hash");
        ((ObjectNode) copy.get("policy")).remove("version");
        return copy;
    }
}
