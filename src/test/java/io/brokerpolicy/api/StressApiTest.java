package io.brokerpolicy.api;

import static io.brokerpolicy.testsupport.Api.asCompliance;
import static io.brokerpolicy.testsupport.Api.asEvaluator;
import static io.brokerpolicy.testsupport.Api.asRiskEditor;
import static io.brokerpolicy.testsupport.StoredVerdicts.evaluate;
import static io.brokerpolicy.testsupport.StoredVerdicts.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.brokerpolicy.policy.ActivePolicy;
import io.brokerpolicy.testsupport.StoredRows;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The stress test through the API against snapshots stored by the API. Other tests store verdicts in the same
 * database, so the book's own accounts trade symbols nobody else holds (named for this run) and the shocks move
 * only those: every other account keeps its status, and what changed is this book's alone, checked by hand:
 *
 * <pre>
 * acme-fx standard (stop-out 50 %, margin call 100 %), one lot of an FX major at 1.1000, 30:1, shock -3 % (1.0670):
 *   K1 balance 5000: 136.36 % HEALTHY -> 1700 / 3556.67 = 47.80 % STOP_OUT, loss 3300. K1 has an older snapshot (asOf
 *      a day earlier, balance 100000) stored after this one: the latest by asOf is the one stressed.
 *   K2 balance 6500: 177.27 % HEALTHY -> 3200 / 3556.67 = 89.97 % MARGIN_CALL, loss 3300.
 * nova-crypto, a coin on the default table, 1000 at 10 cross, 10:1, balance 1500, shock -20 % (8):
 *   K3 notional 10000 (bracket 2: 2.5 %, amount 75) maintenance 175: 11.67 % HEALTHY -> margin balance 1500 - 2000 =
 *      -500, bankrupt, closed whole: STOP_OUT, liquidated, the insurance fund's shortfall 500, loss 2000.
 * </pre>
 */
@QuarkusTest
class StressApiTest {

    @Inject
    ActivePolicy active;
    @Inject
    DataSource dataSource;

    private String run;
    private String fx;
    private String coin;

    @BeforeEach
    void aBookOfThreeAccounts() {
        run = UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        fx = "FXT" + run;
        coin = "CRT" + run;
        evaluate(fxAccount("K1-" + run, "5000.00", "2026-11-21T14:03:11Z"));
        evaluate(fxAccount("K2-" + run, "6500.00", "2026-11-21T14:03:11Z"));
        evaluate(fxAccount("K1-" + run, "100000.00", "2026-11-20T14:03:11Z"));
        evaluate(coinAccount("K3-" + run));
    }

    private ObjectNode fxAccount(String account, String balance, String asOf) {
        return (ObjectNode) json("""
                {"snapshotId": "%s", "accountId": "%s", "brokerId": "acme-fx", "accountType": "standard",
                 "kycTier": "FULL", "jurisdiction": "EU", "clientCategory": "RETAIL", "currency": "USD",
                 "asOf": "%s", "balance": "%s",
                 "positions": [{"positionId": "p1", "symbol": "%s", "assetClass": "FX_MAJOR", "side": "LONG",
                   "quantity": "1", "contractSize": "100000", "openPrice": "1.1000", "markPrice": "1.1000",
                   "leverage": "30", "openedAt": "2026-11-20T09:00:00Z"}]}""".formatted(UUID.randomUUID(), account, asOf,
                balance, fx));
    }

    private ObjectNode coinAccount(String account) {
        return (ObjectNode) json("""
                {"snapshotId": "%s", "accountId": "%s", "brokerId": "nova-crypto", "accountType": "standard",
                 "kycTier": "FULL", "jurisdiction": "SC", "clientCategory": "RETAIL", "currency": "USDT",
                 "accountOpenedAt": "2025-01-10T00:00:00Z", "asOf": "2026-11-21T14:03:11Z", "balance": "1500",
                 "positions": [{"positionId": "p1", "symbol": "%s", "assetClass": "CRYPTO", "side": "LONG",
                   "quantity": "1000", "contractSize": "1", "openPrice": "10", "markPrice": "10",
                   "leverage": "10", "openedAt": "2026-11-20T09:00:00Z"}]}""".formatted(UUID.randomUUID(), account, coin));
    }

    private Response stress(long version, String body) {
        return asRiskEditor().contentType(ContentType.JSON).body(body).post("/api/v1/policy/versions/" + version + "/stress");
    }

    private String shocks() {
        return "{\"shocks\": {\"" + fx + "\": -3, \"" + coin + "\": \"-20\"}}";
    }

    /** Transitions that changed status: only the book's accounts, since nobody else holds its symbols. */
    private static Map<String, Integer> changed(JsonPath report) {
        Map<String, Integer> changed = new TreeMap<>();
        report.getMap("transitions", String.class, Integer.class).forEach((k, v) -> {
            String[] fromTo = k.split(" -> ");
            if (!fromTo[0].equals(fromTo[1])) {
                changed.put(k, v);
            }
        });
        return changed;
    }

    @Test
    void theLatestSnapshotOfEveryAccount_underTheActiveVersion_countedAsWorkedOutByHand() {
        long version = active.get().policy().version();
        long verdictsBefore = StoredRows.count(dataSource, "select count(*) from verdict where ? <> ''", "x");

        JsonPath report = stress(version, shocks()).then().statusCode(200).extract().jsonPath();

        assertThat(report.getLong("version")).isEqualTo(version);
        assertThat(report.getMap("shocks")).containsOnlyKeys(fx, coin);
        assertThat(report.getInt("shockedAccounts")).isEqualTo(3);
        assertThat(report.getInt("accounts")).isEqualTo(report.getInt("evaluated") + report.getInt("failureCount"));
        assertThat(changed(report)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "HEALTHY -> STOP_OUT", 2, "HEALTHY -> MARGIN_CALL", 1));
        assertThat(report.getList("newlyStoppedOut", String.class)).containsExactly("K1-" + run);
        assertThat(report.getList("newlyMarginCalled", String.class)).containsExactly("K2-" + run);
        assertThat(report.getList("newlyLiquidated", String.class)).containsExactly("K3-" + run);

        assertThat(report.getList("worstAccounts.accountId", String.class))
                .containsExactly("K1-" + run, "K2-" + run, "K3-" + run);
        assertThat(report.getList("worstAccounts.loss", Float.class)).containsExactly(3300f, 3300f, 2000f);
        assertThat(report.getString("worstAccounts[2].statusAfter")).isEqualTo("STOP_OUT");
        assertThat(report.getFloat("worstAccounts[2].insuranceFundShortfall")).isEqualTo(500f);
        assertThat(report.getBoolean("worstAccounts[2].liquidated")).isTrue();

        // What the shock adds to what the broker carries is this book's: 500 of shortfall in USDT, nothing in USD.
        String usdt = "brokerLosses.find { it.currency == 'USDT' }.";
        assertThat(report.getFloat(usdt + "insuranceFundShortfall") - report.getFloat(usdt + "baselineInsuranceFundShortfall"))
                .isEqualTo(500f);
        String usd = "brokerLosses.find { it.currency == 'USD' }.";
        assertThat(report.getFloat(usd + "negativeBalanceAdjustment")
                - report.getFloat(usd + "baselineNegativeBalanceAdjustment")).isZero();

        assertThat(StoredRows.count(dataSource, "select count(*) from verdict where ? <> ''", "x"))
                .as("a stress test stores nothing").isEqualTo(verdictsBefore);
    }

    @Test
    void aDraftVersion_isStressedUnderItsOwnRules() throws Exception {
        // The draft lowers nova's margin-call ratio from 80 % to 10 %: K3 (11.67 %) is on margin call before the shock.
        String nova = Files.readString(Path.of("policies/nova-crypto.yaml")).replace("marginCallRatio: 80", "marginCallRatio: 10");
        long draft = asRiskEditor().contentType(ContentType.JSON)
                .body(Map.of("files", Map.of("policies/nova-crypto.yaml", nova))).post("/api/v1/policy/drafts")
                .then().statusCode(org.hamcrest.Matchers.anyOf(org.hamcrest.Matchers.is(200), org.hamcrest.Matchers.is(201)))
                .extract().jsonPath().getLong("version");
        assertThat(draft).isNotEqualTo(active.get().policy().version());

        JsonPath report = stress(draft, shocks()).then().statusCode(200).extract().jsonPath();
        assertThat(report.getLong("version")).isEqualTo(draft);
        assertThat(changed(report)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "HEALTHY -> STOP_OUT", 1, "HEALTHY -> MARGIN_CALL", 1, "MARGIN_CALL -> STOP_OUT", 1));
        assertThat(report.getString("worstAccounts[2].statusBefore")).isEqualTo("MARGIN_CALL");
        assertThat(active.get().policy().version()).as("the draft stays a draft").isNotEqualTo(draft);
    }

    @Test
    void badShocks_areRefusedField_byField_andNothingIsEvaluated() {
        long version = active.get().policy().version();
        JsonPath refused = stress(version, "{\"shocks\": {\"sector:TECH\": -5, \"BTCUSDT\": -100, \"ETHUSDT\": \"lots\","
                + " \"assetClass:FX_MAJOR\": [3]}}").then().statusCode(400).extract().jsonPath();
        assertThat(refused.getList("details.field", String.class)).containsExactlyInAnyOrder("shocks.sector:TECH",
                "shocks.BTCUSDT", "shocks.ETHUSDT", "shocks.assetClass:FX_MAJOR");
        assertThat(refused.getString("error")).contains("nothing was evaluated");
        stress(version, "{\"shocks\": {}}").then().statusCode(400);
        stress(version, "{\"shock\": {\"BTCUSDT\": -5}}").then().statusCode(400);
        stress(version, "not json").then().statusCode(400);
        stress(version, "").then().statusCode(400);
    }

    @Test
    void anUnknownVersion_is404_andOnlyARiskEditorMayStress() {
        stress(999_999, shocks()).then().statusCode(404);
        long version = active.get().policy().version();
        for (var request : List.of(asCompliance(), asEvaluator())) {
            request.contentType(ContentType.JSON).body(shocks()).post("/api/v1/policy/versions/" + version + "/stress")
                    .then().statusCode(403);
        }
        io.restassured.RestAssured.given().contentType(ContentType.JSON).body(shocks())
                .post("/api/v1/policy/versions/" + version + "/stress").then().statusCode(401);
    }
}
