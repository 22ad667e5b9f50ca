package io.brokerpolicy.policy;

import static io.brokerpolicy.testsupport.Api.asEvaluator;
import static io.brokerpolicy.testsupport.Api.asRiskEditor;
import static io.brokerpolicy.testsupport.Snapshots.aSnapshot;
import static io.brokerpolicy.testsupport.Snapshots.withBalance;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.brokerpolicy.persistence.PolicyVersionStore;
import io.brokerpolicy.testsupport.TempPolicyFolders;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The policy lifecycle against a running service with its own copy of rules/ and policies/: file edits
 * picked up by the watcher, drafts, scenarios, rollback, simulation and verdicts during swaps.
 */
@QuarkusTest
@TestProfile(TempPolicyFolders.class)
class PolicyLifecycleTest {

    @Inject
    PolicyVersionStore store;
    @Inject
    DataSource dataSource;

    private static final String ACME = "policies/acme-fx.yaml";
    private static final String MARGIN = "rules/margin.drl";

    @Test
    void validFileEdit_becomesActive_andLaterVerdictsNameTheNewVersion() {
        long before = activeVersion();
        try {
            TempPolicyFolders.save(ACME, original(ACME).replace("    marginCallLevel: 100\n", "    marginCallLevel: 110\n"));
            await("the edit to become active", () -> activeVersion() != before);
            long edited = activeVersion();

            evaluate(aSnapshot()).then().statusCode(201)
                    .body("policy.version", equalTo((int) edited))
                    .body("thresholds.marginCallLevel", equalTo(110));
            JsonPath newest = asRiskEditor().get("/api/v1/policy/versions").then().statusCode(200).extract().jsonPath();
            assertThat(newest.getLong("[0].version")).isEqualTo(edited);
            assertThat(newest.getString("[0].source")).isEqualTo("FILE");
            assertThat(newest.getString("[0].state")).isEqualTo("ACTIVE");
            assertThat(asRiskEditor().accept("text/plain").get("/api/v1/policy/versions/" + before + "/diff/" + edited)
                    .then().statusCode(200).extract().asString())
                    .contains("--- a/" + ACME, "-    marginCallLevel: 100", "+    marginCallLevel: 110");
        } finally {
            restore(ACME);
        }
    }

    @Test
    void brokenDrl_leavesTheOldVersionServing_andReportsFileAndLine() {
        long before = activeVersion();
        Instant start = Instant.now();
        List<String> lines = new ArrayList<>(original(MARGIN).lines().toList());
        int broken = lines.indexOf("    MarginAccount( initialMarginLevel != null, initialMarginLevel <= $terms.stopOutLevel )");
        assertThat(broken).isPositive();
        lines.set(broken, "    MarginAccount( initialMarginLevel != null, initialMarginLevel <=  )");
        try {
            TempPolicyFolders.save(MARGIN, String.join("\n", lines) + "\n");
            JsonPath rejected = awaitRejection(start);
            assertThat(rejected.getString("lastRejected.source")).isEqualTo("FILE");
            assertThat(rejected.getList("lastRejected.errors.file")).contains(MARGIN);
            assertThat(rejected.getList("lastRejected.errors.line", Integer.class)).contains(broken + 1);
            assertThat(activeVersion()).isEqualTo(before);
            evaluate(aSnapshot()).then().statusCode(201).body("policy.version", equalTo((int) before));
        } finally {
            restore(MARGIN);
        }
    }

    @Test
    void brokenYaml_leavesTheOldVersionServing_andReportsFileAndLine() {
        long before = activeVersion();
        Instant start = Instant.now();
        String acme = original(ACME);
        int line = (int) acme.substring(0, acme.indexOf("  sortBy: [")).lines().count() + 1;
        try {
            TempPolicyFolders.save(ACME, acme.replace("  sortBy: [", "  sortBy: [["));
            JsonPath rejected = awaitRejection(start);
            assertThat(rejected.getList("lastRejected.errors.file")).contains(ACME);
            assertThat(rejected.getList("lastRejected.errors.line", Integer.class)).allSatisfy(l -> assertThat(l).isGreaterThanOrEqualTo(line));
            assertThat(activeVersion()).isEqualTo(before);
        } finally {
            restore(ACME);
        }
    }

    @Test
    void draftThatFailsAScenario_isNotStored_andSaysWhichAndWhy() {
        long before = activeVersion();
        int versions = versionCount();
        draft(Map.of(ACME, original(ACME).replace("    marginCallLevel: 100\n", "    marginCallLevel: 90\n")))
                .then().statusCode(422)
                .body("valid", equalTo(false))
                .body("errors.file", hasItem("policies/scenarios/acme-fx.yaml"))
                .body("errors.message", hasItem(
                        "scenario 'acme-fx standard at exactly 100% gets a margin call' failed: expected status MARGIN_CALL,"
                                + " got HEALTHY (margin level 100.00%, margin call at 90%, stop-out at 50%)"));
        assertThat(activeVersion()).isEqualTo(before);
        assertThat(versionCount()).isEqualTo(versions);
    }

    @Test
    void validateReportsUnknownFieldsAndRegulatorFloors_withLines_andStoresNothing() {
        int versions = versionCount();
        String acme = original(ACME).replace("    stopOutLevel: 50\n", "    stopOutLevel: 30\n    stopOutLevl: 50\n");
        JsonPath result = asRiskEditor().contentType(ContentType.JSON).body(Map.of("files", Map.of(ACME, acme)))
                .post("/api/v1/policy/validate").then().statusCode(200).body("valid", equalTo(false))
                .extract().jsonPath();
        assertThat(result.getList("errors.message", String.class))
                .anySatisfy(m -> assertThat(m).contains("unknown field 'stopOutLevl'"))
                .anySatisfy(m -> assertThat(m).contains("breaks ESMA's margin close-out rule"));
        assertThat(result.getList("errors.line", Integer.class)).allSatisfy(l -> assertThat(l).isPositive());
        assertThat(versionCount()).isEqualTo(versions);
    }

    @Test
    void draftCallingSystemExit_isRefusedByTheSandbox() {
        String evil = """
                package brokerpolicy.evil
                import io.brokerpolicy.domain.MarginAccount

                rule "Evil"
                when
                    MarginAccount( )
                then
                    java.lang.Runtime.getRuntime().exec("touch /tmp/owned");
                end
                """;
        draft(Map.of("rules/evil.drl", evil)).then().statusCode(422)
                .body("errors.file", hasItem("rules/evil.drl"))
                .body("errors.line", hasItem(8));
    }

    @Test
    void runawayRule_answersAnErrorNotAVerdict_andStoresNothing() {
        String loop = """
                package brokerpolicy.loop

                rule "NeverRestsForOneBalance"
                    agenda-group "limits"
                when
                    $a : MarginAccount( initialBalance == 777.77 )
                then
                    update( $a );
                end
                """;
        long looping = storedDraft("rules/loop.drl", loop);
        activate(looping);
        try {
            ObjectNode runaway = withBalance(aSnapshot(), "777.77");
            evaluate(runaway).then().statusCode(500)
                    .body("error", org.hamcrest.Matchers.containsString("do not come to rest"));
            evaluate(runaway).then().statusCode(500); // not 200: nothing was stored the first time
            evaluate(aSnapshot()).then().statusCode(201).body("policy.version", equalTo((int) looping));
        } finally {
            rollback().then().statusCode(200);
        }
    }

    @Test
    void rollback_goesBackOneActivationAtATime() {
        long original = activeVersion();
        long a = storedDraft(ACME, original(ACME).replace("    stopOutLevel: 50\n", "    stopOutLevel: 60\n"));
        long b = storedDraft(ACME, original(ACME).replace("    stopOutLevel: 50\n", "    stopOutLevel: 65\n"));
        activate(a);
        activate(b);
        assertThat(activeVersion()).isEqualTo(b);
        rollback().then().statusCode(200).body("version", equalTo((int) a));
        evaluate(aSnapshot()).then().statusCode(201).body("policy.version", equalTo((int) a))
                .body("thresholds.stopOutLevel", equalTo(60));
        rollback().then().statusCode(200).body("version", equalTo((int) original));
        assertThat(activeVersion()).isEqualTo(original);
    }

    @Test
    void simulate_reportsTheAccountsATightenedStopOutWouldStopOut() {
        String tag = "SIM-" + System.nanoTime();
        ObjectNode atSixty = withBalance(aSnapshot(), "270.00"); // equity 120 on 200 of margin: 60%
        atSixty.put("accountId", tag + "-60");
        ObjectNode healthy = aSnapshot();
        healthy.put("accountId", tag + "-425");
        evaluate(atSixty).then().statusCode(201).body("status", equalTo("MARGIN_CALL"));
        evaluate(healthy).then().statusCode(201).body("status", equalTo("HEALTHY"));
        long tightened = storedDraft(ACME, original(ACME).replace("    stopOutLevel: 50\n", "    stopOutLevel: 70\n"));

        JsonPath report = asRiskEditor().post("/api/v1/policy/versions/" + tightened + "/simulate?last=20")
                .then().statusCode(200).extract().jsonPath();
        assertThat(report.getLong("version")).isEqualTo(tightened);
        assertThat(report.getInt("transitions.'MARGIN_CALL -> STOP_OUT'")).isGreaterThanOrEqualTo(1);
        List<Map<String, Object>> changes = report.getList("changes");
        assertThat(changes).filteredOn(c -> (tag + "-60").equals(c.get("accountId"))).singleElement().satisfies(c -> {
            assertThat(((Map<?, ?>) c.get("old")).get("status")).isEqualTo("MARGIN_CALL");
            assertThat(((Map<?, ?>) c.get("candidate")).get("status")).isEqualTo("STOP_OUT");
            assertThat(((Map<?, ?>) c.get("candidate")).get("closeOuts")).isEqualTo(List.of("p1"));
        });
        assertThat(changes).noneMatch(c -> (tag + "-425").equals(c.get("accountId")));
    }

    @Test
    void verdictsDuringActivationsAndRollbacks_eachMatchExactlyTheVersionTheyName() throws Exception {
        long base = activeVersion();
        long tightened = storedDraft(ACME, original(ACME).replace("    stopOutLevel: 50\n", "    stopOutLevel: 70\n"));
        Map<Long, String> hashes = new HashMap<>();
        asRiskEditor().get("/api/v1/policy/versions").then().extract().jsonPath().getList("$", Map.class)
                .forEach(v -> hashes.put(((Number) v.get("version")).longValue(), (String) v.get("hash")));
        ConcurrentLinkedQueue<JsonPath> verdicts = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                workers.add(pool.submit(() -> {
                    for (int i = 0; i < 60; i++) {
                        verdicts.add(evaluate(withBalance(aSnapshot(), "270.00")).then().statusCode(201).extract().jsonPath());
                    }
                }));
            }
            int swaps = 0;
            while (workers.stream().anyMatch(w -> !w.isDone())) {
                activate(tightened);
                rollback().then().statusCode(200);
                swaps++;
            }
            for (Future<?> w : workers) {
                w.get();
            }
            assertThat(swaps).isPositive();
        } finally {
            pool.shutdownNow();
        }
        assertThat(activeVersion()).isEqualTo(base);
        assertThat(verdicts).hasSize(240);
        for (JsonPath v : verdicts) {
            long version = v.getLong("policy.version");
            assertThat(version).isIn(base, tightened);
            assertThat(v.getString("policy.hash")).isEqualTo(hashes.get(version));
            boolean tight = version == tightened;
            assertThat(v.getInt("thresholds.stopOutLevel")).isEqualTo(tight ? 70 : 50);
            assertThat(v.getString("status")).isEqualTo(tight ? "STOP_OUT" : "MARGIN_CALL");
            assertThat(v.getList("closeOuts")).hasSize(tight ? 1 : 0);
        }
    }

    @Test
    void activationMadeInTheDatabaseByAnotherReplica_isServed_evenWhenTheListenerLostItsConnection() throws Exception {
        long base = activeVersion();
        long elsewhere = storedDraft(ACME, original(ACME).replace("    stopOutLevel: 50\n", "    stopOutLevel: 55\n"));
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("select pg_terminate_backend(pid) from pg_stat_activity"
                    + " where application_name = 'brokerpolicy-policy-listener'");
        }
        // what another replica does: commit the activation (and its NOTIFY), with no swap in this instance
        store.activate(elsewhere, "another-replica", "activated on another instance");
        await("this instance to serve version " + elsewhere, () -> activeVersion() == elsewhere);
        evaluate(aSnapshot()).then().statusCode(201).body("policy.version", equalTo((int) elsewhere))
                .body("thresholds.stopOutLevel", equalTo(55));
        rollback().then().statusCode(200).body("version", equalTo((int) base));
    }

    // --- helpers -----------------------------------------------------------------------------------

    static io.restassured.response.Response evaluate(ObjectNode snapshot) {
        return asEvaluator().contentType(ContentType.JSON).body(snapshot.toString()).post("/api/v1/evaluations");
    }

    static io.restassured.response.Response draft(Map<String, String> files) {
        return asRiskEditor().contentType(ContentType.JSON).body(Map.of("files", files)).post("/api/v1/policy/drafts");
    }

    static long storedDraft(String path, String content) {
        return draft(Map.of(path, content)).then().statusCode(org.hamcrest.Matchers.isOneOf(200, 201))
                .extract().jsonPath().getLong("version");
    }

    static void activate(long version) {
        asRiskEditor().post("/api/v1/policy/versions/" + version + "/activate").then().statusCode(200)
                .body("version", equalTo((int) version));
    }

    static io.restassured.response.Response rollback() {
        return asRiskEditor().post("/api/v1/policy/rollback");
    }

    static long activeVersion() {
        return asRiskEditor().get("/api/v1/policy/active").then().statusCode(200).extract().jsonPath().getLong("version");
    }

    static int versionCount() {
        return asRiskEditor().get("/api/v1/policy/versions").then().statusCode(200).extract().jsonPath().getList("$").size();
    }

    static String original(String path) {
        return TempPolicyFolders.original(path);
    }

    /** Puts the repository's file back and waits until the service serves that content again. */
    static void restore(String path) {
        TempPolicyFolders.save(path, original(path));
        await("the restored " + path + " to be served", () -> asRiskEditor().get("/api/v1/policy/versions/" + activeVersion())
                .then().extract().jsonPath().getString("files.'" + path + "'").equals(original(path)));
    }

    static JsonPath awaitRejection(Instant since) {
        JsonPath[] status = new JsonPath[1];
        await("the change to be rejected", () -> {
            status[0] = asRiskEditor().get("/api/v1/policy/status").then().statusCode(200).extract().jsonPath();
            String at = status[0].getString("lastRejected.at");
            return at != null && !Instant.parse(at).isBefore(since);
        });
        return status[0];
    }

    static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted waiting for " + what);
            }
        }
        fail("timed out waiting for " + what);
    }
}
