package io.brokerpolicy.audit;

import static io.brokerpolicy.testsupport.Api.asCompliance;
import static io.brokerpolicy.testsupport.Snapshots.aSnapshot;
import static io.brokerpolicy.testsupport.Snapshots.withBalance;
import static io.brokerpolicy.testsupport.StoredVerdicts.evaluate;
import static io.brokerpolicy.testsupport.StoredVerdicts.goldenSnapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import io.brokerpolicy.bundle.PolicyBundle;
import io.brokerpolicy.persistence.PolicyVersionStore;
import io.brokerpolicy.policy.ActivePolicy;
import io.brokerpolicy.policy.PolicyLifecycle;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
class VerdictReplayTest {

    @Inject
    DataSource dataSource;
    @Inject
    ActivePolicy active;
    @Inject
    PolicyLifecycle lifecycle;
    @Inject
    PolicyVersionStore versions;

    @ParameterizedTest
    @ValueSource(strings = {"01-healthy-425", "02-margin-call-at-100", "04-stop-out-closes-two-in-order",
            "05-stop-out-all-closed-negative-balance-protected", "06-leverage-cap-esma-retail",
            "07-kyc-limit-crypto-none-tier", "08-no-positions", "09-short-losing-with-swap-and-fees",
            "10-retail-on-pro-account-gets-esma-floor", "12-crypto-basic-tier-leverage-cap"})
    void replayOfAStoredVerdict_isIdenticalUnderItsOwnVersion_andStoresNoVerdict(String goldenCase) throws Exception {
        String verdictId = evaluate(goldenSnapshot(goldenCase, "replay-" + UUID.randomUUID(), "A-replay"));
        long verdictsBefore = count("select count(*) from verdict");
        long replaysLoggedBefore = count("select count(*) from audit_read where action = 'REPLAY' and target = '"
                + verdictId + "'");

        JsonPath report = asCompliance().post("/api/v1/verdicts/" + verdictId + "/replay").then().statusCode(200)
                .body("identical", equalTo(true))
                .body("replayDifferences.size()", equalTo(0))
                .body("differences.size()", equalTo(0))
                .body("original.verdictId", equalTo(verdictId))
                .extract().jsonPath();

        assertThat(report.getMap("replayed")).containsAllEntriesOf(withoutTiming(report.getMap("original")));
        assertThat(count("select count(*) from verdict")).isEqualTo(verdictsBefore);
        assertThat(count("select count(*) from audit_read where action = 'REPLAY' and target = '" + verdictId + "'"))
                .isEqualTo(replaysLoggedBefore + 1);
    }

    @Test
    void auditRecord_holdsSnapshotPolicyThresholdsRulesStepsAndItsLeafInTheLog() {
        String verdictId = evaluate(goldenSnapshot("04-stop-out-closes-two-in-order", "record-" + UUID.randomUUID(),
                "A-record"));
        asCompliance().post("/api/v1/audit/checkpoints").then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
        asCompliance().get("/api/v1/verdicts/" + verdictId).then().statusCode(200)
                .body("status", equalTo("STOP_OUT"))
                .body("snapshot.positions.size()", equalTo(3))
                .body("policy.version", notNullValue())
                .body("policy.hash", notNullValue())
                .body("policy.file", equalTo("policies/acme-fx.yaml"))
                .body("thresholds.marginCallLevel", equalTo(100))
                .body("thresholds.stopOutLevel", equalTo(50))
                .body("firedRules[0].rule", equalTo("MarginLevelAtOrBelowStopOut"))
                .body("firedRules[0].file", equalTo("rules/margin.drl"))
                .body("closeOuts.positionId", equalTo(List.of("p1", "p2")))
                .body("closeOuts[0].realizedPnl", equalTo(-300.00f))
                .body("closeOuts[0].marginLevelBefore", equalTo(37.50f))
                .body("closeOuts[1].marginLevelAfter", equalTo(75.00f))
                .body("liquidationPrices.positionId", hasItem("p3"))
                .body("negativeBalanceAdjustment", notNullValue())
                .body("explanation", notNullValue())
                .body("evaluatedAt", notNullValue())
                .body("evaluationMicros", notNullValue())
                .body("schemaVersion", org.hamcrest.Matchers.nullValue())
                .body("audit.chainSeq", notNullValue())
                .body("audit.schemaVersion", equalTo(VerdictSchemas.CURRENT))
                .body("audit.leafIndex", notNullValue())
                .body("audit.leafHash", notNullValue())
                .body("audit.rowHash", org.hamcrest.Matchers.nullValue());
    }

    /**
     * A verdict as releases before the versioned schema stored it (the same members, no schemaVersion):
     * it replays identical, compared with a document of its own schema, and reads as before.
     */
    @Test
    void aVerdictStoredUnderTheFirstSchema_replaysIdentical() throws Exception {
        String current = evaluate(goldenSnapshot("04-stop-out-closes-two-in-order", "schema1-" + UUID.randomUUID(),
                "A-schema1"));
        String old = UUID.randomUUID().toString();
        try (Connection c = dataSource.getConnection(); PreparedStatement copy = c.prepareStatement(
                "insert into verdict (verdict_id, snapshot_id, snapshot_hash, account_id, broker_id, account_type, status,"
                        + " policy_version, policy_hash, as_of, evaluated_at, snapshot, verdict, prev_hash, row_hash)"
                        + " select ?::uuid, 'schema1-' || ?, snapshot_hash, account_id, broker_id, account_type, status,"
                        + " policy_version, policy_hash, as_of, evaluated_at, snapshot,"
                        + " replace(replace(verdict::text, '{\"schemaVersion\":2,', '{'), verdict_id::text, ?)::json,"
                        + " 'sha256:before', 'sha256:stored-by-an-earlier-release' from verdict where verdict_id = ?::uuid")) {
            copy.setString(1, old);
            copy.setString(2, old);
            copy.setString(3, old);
            copy.setString(4, current);
            assertThat(copy.executeUpdate()).isEqualTo(1);
        }
        JsonPath report = asCompliance().post("/api/v1/verdicts/" + old + "/replay").then().statusCode(200)
                .body("identical", equalTo(true))
                .body("replayDifferences.size()", equalTo(0))
                .extract().jsonPath();
        assertThat(report.getMap("original")).doesNotContainKey("schemaVersion");
        assertThat(report.getMap("replayed")).doesNotContainKey("schemaVersion");
        JsonPath oldRecord = asCompliance().get("/api/v1/verdicts/" + old).then().statusCode(200)
                .body("audit.schemaVersion", equalTo(1))
                .body("audit.rowHash", equalTo("sha256:stored-by-an-earlier-release"))
                .extract().jsonPath();
        JsonPath currentRecord = asCompliance().get("/api/v1/verdicts/" + current).then().statusCode(200).extract().jsonPath();
        assertThat(oldRecord.getMap("closeOuts[0]")).isEqualTo(currentRecord.getMap("closeOuts[0]"));
        assertThat(oldRecord.getString("status")).isEqualTo(currentRecord.getString("status"));
    }

    @Test
    void replayUnderAChangedActivePolicy_reportsWhatWouldDifferToday() {
        // Margin level 55%: a margin call under stop-out 50, a stop-out under a policy that stops out at 60.
        String verdictId = evaluate(withBalance(aSnapshot(), "260.00"));
        long originalVersion = active.get().policy().version();
        Map<String, String> files = new TreeMap<>(active.get().policy().bundle().files());
        files.put("policies/acme-fx.yaml", files.get("policies/acme-fx.yaml")
                .replaceFirst("marginCallLevel: 100\n    stopOutLevel: 50", "marginCallLevel: 120\n    stopOutLevel: 60"));
        long stricter = versions.create(new PolicyBundle(files), PolicyVersionStore.State.DRAFT, "test", "test", null).version();
        lifecycle.activate(stricter, "test", "replay test: a stricter stop-out");
        try {
            JsonPath report = asCompliance().post("/api/v1/verdicts/" + verdictId + "/replay").then().statusCode(200)
                    .body("identical", equalTo(true))
                    .body("storedPolicy.version", equalTo((int) originalVersion))
                    .body("activePolicy.version", equalTo((int) stricter))
                    .body("original.status", equalTo("MARGIN_CALL"))
                    .body("replayed.status", equalTo("MARGIN_CALL"))
                    .body("underActivePolicy.status", equalTo("STOP_OUT"))
                    .extract().jsonPath();
            List<Map<String, Object>> differences = report.getList("differences");
            assertThat(differences).extracting(d -> d.get("path"))
                    .contains("status", "policy.version", "policy.hash", "thresholds.stopOutLevel",
                            "thresholds.marginCallLevel", "closeOuts[0]", "explanation");
            assertThat(differences).filteredOn(d -> d.get("path").equals("status"))
                    .singleElement().satisfies(d -> {
                        assertThat(d.get("original")).isEqualTo("MARGIN_CALL");
                        assertThat(d.get("underActivePolicy")).isEqualTo("STOP_OUT");
                    });
        } finally {
            lifecycle.activate(originalVersion, "test", "replay test done");
        }
    }

    @Test
    void replayOfAnUnknownVerdict_is404() {
        asCompliance().post("/api/v1/verdicts/" + UUID.randomUUID() + "/replay").then().statusCode(404);
        asCompliance().post("/api/v1/verdicts/not-a-uuid/replay").then().statusCode(404);
    }

    private static Map<String, Object> withoutTiming(Map<String, Object> verdict) {
        Map<String, Object> decision = new TreeMap<>(verdict);
        decision.keySet().removeAll(List.of("evaluatedAt", "evaluationMicros"));
        return decision;
    }

    private long count(String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql);
             ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1);
        }
    }
}
