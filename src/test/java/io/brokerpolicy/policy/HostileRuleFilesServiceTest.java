package io.brokerpolicy.policy;

import static io.brokerpolicy.testsupport.Api.asRiskEditor;
import static io.brokerpolicy.testsupport.Snapshots.aSnapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.brokerpolicy.engine.HostileRuleFiles;
import io.brokerpolicy.engine.HostileRuleFiles.Hostile;
import io.brokerpolicy.testsupport.TempPolicyFolders;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hostile rule files of src/test/resources/hostile-rules against a running service, every way a rule file
 * enters: {@code POST /policy/validate} (one file at a time), {@code POST /policy/drafts} and the watched folder
 * (all at once). Each is refused with its file and the line of the attack, none of their payloads runs, nothing
 * is activated or stored as a draft, the service keeps serving, and a valid edit saved afterwards is loaded.
 */
@QuarkusTest
@TestProfile(TempPolicyFolders.class)
class HostileRuleFilesServiceTest {

    static Stream<Hostile> hostileFiles() {
        return HostileRuleFiles.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileFiles")
    void validate_refusesEachHostileFile_withItsFileAndLine(Hostile hostile) {
        JsonPath answer = asRiskEditor().contentType(ContentType.JSON)
                .body(Map.of("files", Map.of(hostile.bundlePath(), hostile.content())))
                .post("/api/v1/policy/validate").then().statusCode(200).body("valid", equalTo(false))
                .extract().jsonPath();
        assertThat(answer.getList("errors.file", String.class)).as(hostile.attack()).isNotEmpty()
                .containsOnly(hostile.bundlePath());
        assertThat(answer.getList("errors.line", Integer.class)).as(hostile.attack()).contains(hostile.line());
        assertThat(HostileRuleFiles.noSideEffect()).as("a payload ran").isTrue();
    }

    @Test
    void drafts_refuseEveryHostileFile_andStoreNothing() {
        long active = PolicyLifecycleTest.activeVersion();
        int versions = PolicyLifecycleTest.versionCount();
        Map<String, String> files = new TreeMap<>();
        HostileRuleFiles.all().forEach(h -> files.put(h.bundlePath(), h.content()));

        JsonPath answer = PolicyLifecycleTest.draft(files).then().statusCode(422).body("valid", equalTo(false))
                .extract().jsonPath();
        assertEveryFileRefusedAtItsLine(answer.getList("errors", Map.class));
        assertThat(PolicyLifecycleTest.versionCount()).isEqualTo(versions);
        assertThat(PolicyLifecycleTest.activeVersion()).isEqualTo(active);
        assertThat(HostileRuleFiles.noSideEffect()).as("a payload ran").isTrue();
    }

    @Test
    void theFolder_refusesThemAll_keepsServing_andLoadsAValidEditSavedAfterwards() throws IOException {
        long before = PolicyLifecycleTest.activeVersion();
        Instant start = Instant.now();
        List<Hostile> hostile = HostileRuleFiles.all();
        try {
            hostile.forEach(h -> TempPolicyFolders.save(h.bundlePath(), h.content()));
            JsonPath status = awaitRejectionOf(hostile, start);
            assertEveryFileRefusedAtItsLine(status.getList("lastRejected.errors", Map.class));
            assertThat(PolicyLifecycleTest.activeVersion()).isEqualTo(before);
            PolicyLifecycleTest.evaluate(aSnapshot()).then().statusCode(201)
                    .body("policy.version", equalTo((int) before));
        } finally {
            for (Hostile h : hostile) {
                Files.deleteIfExists(TempPolicyFolders.ROOT.resolve(h.bundlePath()));
            }
        }
        assertThat(HostileRuleFiles.noSideEffect()).as("a payload ran").isTrue();

        // the watcher is alive and loads the next valid edit
        String acme = "policies/acme-fx.yaml";
        try {
            TempPolicyFolders.save(acme, PolicyLifecycleTest.original(acme)
                    .replace("    marginCallLevel: 100\n", "    marginCallLevel: 105\n"));
            awaitLong("a valid edit after the hostile files to become active",
                    () -> PolicyLifecycleTest.activeVersion() != before);
            PolicyLifecycleTest.evaluate(aSnapshot()).then().statusCode(201)
                    .body("thresholds.marginCallLevel", equalTo(105));
        } finally {
            PolicyLifecycleTest.restore(acme);
        }
    }

    /** Waits for the rejection of the folders holding the hostile files (an editor's burst may come in parts). */
    private static JsonPath awaitRejectionOf(List<Hostile> hostile, Instant since) {
        JsonPath[] status = new JsonPath[1];
        awaitLong("the hostile folders to be rejected", () -> {
            status[0] = asRiskEditor().get("/api/v1/policy/status").then().statusCode(200).extract().jsonPath();
            String at = status[0].getString("lastRejected.at");
            return at != null && !Instant.parse(at).isBefore(since)
                    && status[0].getList("lastRejected.errors.file", String.class).containsAll(
                    hostile.stream().map(Hostile::bundlePath).toList());
        });
        return status[0];
    }

    /** As {@link PolicyLifecycleTest#await}, with room for a bundle of large hostile files on a busy machine. */
    static void awaitLong(String what, java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + 90_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        org.assertj.core.api.Assertions.fail("timed out waiting for " + what);
    }

    @SuppressWarnings("rawtypes")
    private static void assertEveryFileRefusedAtItsLine(List<Map> errors) {
        for (Hostile hostile : HostileRuleFiles.all()) {
            assertThat(errors).as(hostile.name() + ": " + hostile.attack())
                    .anySatisfy(e -> {
                        assertThat(e.get("file")).isEqualTo(hostile.bundlePath());
                        assertThat(e.get("line")).isEqualTo(hostile.line());
                    });
        }
        assertThat(errors).allSatisfy(e -> assertThat((String) e.get("file")).startsWith("rules/"));
    }
}
