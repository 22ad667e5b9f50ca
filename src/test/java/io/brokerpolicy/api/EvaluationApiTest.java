package io.brokerpolicy.api;

import static io.brokerpolicy.testsupport.Snapshots.aPosition;
import static io.brokerpolicy.testsupport.Snapshots.aSnapshot;
import static io.brokerpolicy.testsupport.Snapshots.firstPosition;
import static io.brokerpolicy.testsupport.Snapshots.withBalance;
import static io.brokerpolicy.testsupport.Api.asCompliance;
import static io.brokerpolicy.testsupport.Api.asEvaluator;
import static io.brokerpolicy.testsupport.Api.asRiskEditor;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.brokerpolicy.testsupport.StoredRows;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@QuarkusTest
class EvaluationApiTest {

    @Inject
    DataSource dataSource;

    @Test
    void stopOut_isStoredWithItsSnapshotAndReadBack() {
        ObjectNode snapshot = withBalance(aSnapshot(), "250.00");
        String verdictId = post(snapshot).then().statusCode(201)
                .body("status", equalTo("STOP_OUT"))
                .body("marginLevel", equalTo(50.00f))
                .body("thresholds.stopOutLevel", equalTo(50))
                .body("closeOuts[0].positionId", equalTo("p1"))
                .body("closeOuts[0].marginLevelBefore", equalTo(50.00f))
                .body("closeOuts[0].marginLevelAfter", nullValue())
                .body("policy.version", notNullValue())
                .body("policy.file", equalTo("policies/acme-fx.yaml"))
                .body("firedRules.rule", hasItem("CloseNextPositionInPolicyOrder"))
                .extract().path("verdictId");

        asCompliance().get("/api/v1/verdicts/" + verdictId).then().statusCode(200)
                .body("verdictId", equalTo(verdictId))
                .body("status", equalTo("STOP_OUT"))
                .body("snapshot.snapshotId", equalTo(snapshot.get("snapshotId").asText()))
                .body("snapshot.balance", equalTo("250.00"))
                .body("audit.snapshotHash", notNullValue())
                .body("audit.schemaVersion", equalTo(2));
        assertThat(storedRows(snapshot.get("snapshotId").asText())).isEqualTo(1);
    }

    @Test
    void sameSnapshotIdAgain_answersTheStoredVerdictAndStoresNothing() {
        ObjectNode snapshot = aSnapshot();
        Response first = post(snapshot);
        first.then().statusCode(201);
        Response again = post(snapshot);
        again.then().statusCode(200);
        assertThat(again.asString()).isEqualTo(first.asString());
        assertThat(storedRows(snapshot.get("snapshotId").asText())).isEqualTo(1);
    }

    @Test
    void sameSnapshotIdWithOtherContent_isAConflict() {
        ObjectNode snapshot = aSnapshot();
        post(snapshot).then().statusCode(201);
        post(withBalance(snapshot, "999.00")).then().statusCode(409)
                .body("error", org.hamcrest.Matchers.containsString("already evaluated"));
        assertThat(storedRows(snapshot.get("snapshotId").asText())).isEqualTo(1);
    }

    @Test
    void unknownBrokerOrAccountType_is422AndStoresNothing() {
        ObjectNode unknownBroker = aSnapshot().put("brokerId", "nobody-fx");
        post(unknownBroker).then().statusCode(422).body("details[0].field", equalTo("brokerId"));
        ObjectNode unknownType = aSnapshot().put("accountType", "platinum");
        post(unknownType).then().statusCode(422).body("details[0].field", equalTo("accountType"));
        assertThat(storedRows(unknownBroker.get("snapshotId").asText())).isZero();
        assertThat(storedRows(unknownType.get("snapshotId").asText())).isZero();
    }

    static Stream<Arguments> badSnapshots() {
        return Stream.of(
                bad("missing balance", s -> s.remove("balance"), "balance"),
                bad("missing accountId", s -> s.remove("accountId"), "accountId"),
                bad("missing positions", s -> s.remove("positions"), "positions"),
                bad("zero quantity", s -> firstPosition(s).put("quantity", "0"), "positions[0].quantity"),
                bad("negative quantity", s -> firstPosition(s).put("quantity", "-1"), "positions[0].quantity"),
                bad("negative zero quantity", s -> firstPosition(s).put("quantity", "-0.0"), "positions[0].quantity"),
                bad("zero contract size", s -> firstPosition(s).put("contractSize", 0), "positions[0].contractSize"),
                bad("negative leverage", s -> firstPosition(s).put("leverage", "-30"), "positions[0].leverage"),
                bad("leverage below 1", s -> firstPosition(s).put("leverage", "0.5"), "positions[0].leverage"),
                bad("NaN mark price", s -> firstPosition(s).put("markPrice", "NaN"), "positions[0].markPrice"),
                bad("infinite balance", s -> s.put("balance", "Infinity"), "balance"),
                bad("absurd exponent", s -> s.put("balance", "1e999999999"), "balance"),
                bad("absurd length", s -> s.put("balance", "1" + "0".repeat(80)), "balance"),
                bad("tiny exponent", s -> firstPosition(s).put("openPrice", "1e-50"), "positions[0].openPrice"),
                bad("unknown side", s -> firstPosition(s).put("side", "SIDEWAYS"), "positions[0].side"),
                bad("unknown asset class", s -> firstPosition(s).put("assetClass", "TULIPS"), "positions[0].assetClass"),
                bad("unknown client category", s -> s.put("clientCategory", "VIP"), "clientCategory"),
                bad("duplicate position ids", s -> ((com.fasterxml.jackson.databind.node.ArrayNode) s.get("positions"))
                        .add(aPosition("p1")), "positions[1].positionId"),
                bad("unknown field", s -> s.put("levrage", "30"), "levrage"),
                bad("negative fees", s -> firstPosition(s).put("fees", "-1"), "positions[0].fees"),
                bad("price as boolean", s -> firstPosition(s).put("markPrice", true), "positions[0].markPrice"),
                bad("asOf in the future", s -> s.put("asOf", "2999-01-01T00:00:00Z"), "asOf"),
                bad("asOf not a timestamp", s -> s.put("asOf", "yesterday"), "asOf"),
                bad("negative mark price", s -> firstPosition(s).put("markPrice", "-1.2000"), "positions[0].markPrice"),
                bad("negative open price as number", s -> firstPosition(s).put("openPrice", new java.math.BigDecimal("-1.23")),
                        "positions[0].openPrice"),
                bad("minus infinity swap", s -> firstPosition(s).put("swap", "-Infinity"), "positions[0].swap"),
                bad("huge exponent as number", s -> firstPosition(s).put("quantity", new java.math.BigDecimal("1E+400")),
                        "positions[0].quantity"),
                bad("hex number", s -> s.put("balance", "0x10"), "balance"),
                bad("account opened in the future", s -> s.put("accountOpenedAt", "2999-01-01T00:00:00Z"), "accountOpenedAt"),
                bad("position opened beyond year 9999", s -> firstPosition(s).put("openedAt", "+10000-01-01T00:00:00Z"),
                        "positions[0].openedAt"),
                bad("leverage beyond 1000", s -> firstPosition(s).put("leverage", "5000"), "positions[0].leverage"),
                bad("isolated margin on a cross position", s -> firstPosition(s).put("isolatedMargin", "10"),
                        "positions[0].isolatedMargin"),
                bad("positions not a list", s -> s.put("positions", "p1"), "positions"),
                bad("empty field name", s -> s.put("", "x"), "$[\"\"]"));
    }

    private static Arguments bad(String name, Consumer<ObjectNode> spoil, String field) {
        return Arguments.of(name, spoil, field);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badSnapshots")
    void badInput_is400NamingTheFieldAndStoresNothing(String name, Consumer<ObjectNode> spoil, String field) {
        ObjectNode snapshot = aSnapshot();
        spoil.accept(snapshot);
        post(snapshot).then().statusCode(400)
                .body("error", notNullValue())
                .body("details.field", hasItem(field));
        assertThat(storedRows(snapshot.get("snapshotId").asText())).isZero();
    }

    @Test
    void unreadableJson_is400() {
        asEvaluator().contentType(ContentType.JSON).body("{\"snapshotId\": ").post("/api/v1/evaluations")
                .then().statusCode(400).body("error", org.hamcrest.Matchers.containsString("not valid JSON"));
        asEvaluator().contentType(ContentType.JSON).body("{\"balance\": NaN}").post("/api/v1/evaluations")
                .then().statusCode(400);
        asEvaluator().contentType(ContentType.JSON).body("[".repeat(50) + "]".repeat(50)).post("/api/v1/evaluations")
                .then().statusCode(400).body("error", org.hamcrest.Matchers.containsString("limits"));
    }

    @Test
    void activePolicy_namesVersionHashAndFiles() {
        asRiskEditor().get("/api/v1/policy/active").then().statusCode(200)
                .body("version", notNullValue())
                .body("hash", org.hamcrest.Matchers.startsWith("sha256:"))
                .body("files", hasItem("rules/margin.drl"))
                .body("files", hasItem("policies/acme-fx.yaml"));
    }

    @Test
    void health_isUpAndReadyWithoutCredentials() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    private static Response post(ObjectNode snapshot) {
        return asEvaluator().contentType(ContentType.JSON).body(snapshot.toString()).post("/api/v1/evaluations");
    }

    private long storedRows(String snapshotId) {
        return StoredRows.verdictsOf(dataSource, snapshotId);
    }
}
