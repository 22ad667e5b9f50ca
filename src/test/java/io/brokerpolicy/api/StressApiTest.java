package io.brokerpolicy.api;

import static io.brokerpolicy.testsupport.Api.asCompliance;
import static io.brokerpolicy.testsupport.Api.asEvaluator;
import static io.brokerpolicy.testsupport.Api.asRiskEditor;
import static org.assertj.core.api.Assertions.assertThat;

import io.brokerpolicy.policy.ActivePolicy;
import io.brokerpolicy.testsupport.StoredRows;
import io.brokerpolicy.testsupport.StressBook;
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
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The stress test through the API against snapshots stored by the API: the book of {@link StressBook}, whose accounts
 * trade symbols nobody else holds, so that what changes is the book's alone (other tests share the database).
 */
@QuarkusTest
class StressApiTest {

    @Inject
    ActivePolicy active;
    @Inject
    DataSource dataSource;

    private StressBook book;
    private String run;
    private String fx;
    private String coin;

    @BeforeEach
    void aBookOfThreeAccounts() {
        book = new StressBook().store();
        run = book.run;
        fx = book.fx;
        coin = book.coin;
    }

    private Response stress(long version, String body) {
        return asRiskEditor().contentType(ContentType.JSON).body(body).post("/api/v1/policy/versions/" + version + "/stress");
    }

    private String shocks() {
        return book.shocks();
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
