package io.brokerpolicy.audit;

import static io.brokerpolicy.testsupport.Api.asCompliance;
import static io.brokerpolicy.testsupport.Snapshots.aSnapshot;
import static io.brokerpolicy.testsupport.Snapshots.withBalance;
import static io.brokerpolicy.testsupport.StoredVerdicts.evaluate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.brokerpolicy.policy.ActivePolicy;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class VerdictSearchApiTest {

    @Inject
    ActivePolicy active;

    private String account;
    private final List<String> snapshotIdsOldestFirst = new ArrayList<>();

    /** Seven verdicts of one account: three healthy, two margin calls, two stop-outs, in that order. */
    @BeforeEach
    void anAccountWithSevenVerdicts() {
        account = "S-" + UUID.randomUUID();
        snapshotIdsOldestFirst.clear();
        for (String balance : List.of("1000.00", "1000.00", "1000.00", "350.00", "350.00", "250.00", "250.00")) {
            ObjectNode snapshot = withBalance(aSnapshot(), balance).put("accountId", account);
            evaluate(snapshot);
            snapshotIdsOldestFirst.add(snapshot.get("snapshotId").asText());
        }
    }

    @Test
    void byAccount_newestFirstWithTheTotal() {
        JsonPath page = search(Map.of("accountId", account));
        assertThat(page.getInt("total")).isEqualTo(7);
        assertThat(page.getInt("page")).isZero();
        assertThat(page.getInt("size")).isEqualTo(50);
        List<String> newestFirst = new ArrayList<>(snapshotIdsOldestFirst);
        Collections.reverse(newestFirst);
        assertThat(page.getList("items.snapshotId", String.class)).isEqualTo(newestFirst);
        assertThat(page.getList("items.accountId", String.class)).containsOnly(account);
    }

    @Test
    void pages_partitionTheResultWithoutGapsOrRepeats() {
        List<String> all = search(Map.of("accountId", account)).getList("items.verdictId", String.class);
        List<String> paged = new ArrayList<>();
        for (int page = 0; page < 3; page++) {
            JsonPath result = search(Map.of("accountId", account, "size", "3", "page", Integer.toString(page)));
            assertThat(result.getInt("total")).isEqualTo(7);
            assertThat(result.getInt("size")).isEqualTo(3);
            assertThat(result.getList("items")).hasSize(page < 2 ? 3 : 1);
            paged.addAll(result.getList("items.verdictId", String.class));
        }
        assertThat(paged).isEqualTo(all);
        JsonPath beyond = search(Map.of("accountId", account, "size", "3", "page", "3"));
        assertThat(beyond.getList("items")).isEmpty();
        assertThat(beyond.getInt("total")).isEqualTo(7);
    }

    @Test
    void byStatusBrokerAndPolicyVersion() {
        JsonPath stopOuts = search(Map.of("accountId", account, "status", "STOP_OUT"));
        assertThat(stopOuts.getInt("total")).isEqualTo(2);
        assertThat(stopOuts.getList("items.status", String.class)).containsOnly("STOP_OUT");
        assertThat(search(Map.of("accountId", account, "status", "MARGIN_CALL")).getInt("total")).isEqualTo(2);
        assertThat(search(Map.of("accountId", account, "brokerId", "acme-fx")).getInt("total")).isEqualTo(7);
        assertThat(search(Map.of("accountId", account, "brokerId", "nova-crypto")).getInt("total")).isZero();
        String version = Long.toString(active.get().policy().version());
        assertThat(search(Map.of("accountId", account, "policyVersion", version)).getInt("total")).isEqualTo(7);
        assertThat(search(Map.of("accountId", account, "policyVersion", "999999")).getInt("total")).isZero();
        assertThat(search(Map.of("status", "STOP_OUT")).getList("items.snapshotId", String.class))
                .contains(snapshotIdsOldestFirst.get(6), snapshotIdsOldestFirst.get(5));
    }

    @Test
    void fromIsInclusiveAndToExclusive_onEvaluatedAt() {
        List<String> times = search(Map.of("accountId", account)).getList("items.evaluatedAt", String.class);
        String fourthNewest = times.get(3);
        JsonPath since = search(Map.of("accountId", account, "from", fourthNewest));
        JsonPath before = search(Map.of("accountId", account, "to", fourthNewest));
        assertThat(since.getList("items.evaluatedAt", String.class)).contains(fourthNewest)
                .allSatisfy(t -> assertThat(java.time.Instant.parse(t)).isAfterOrEqualTo(java.time.Instant.parse(fourthNewest)));
        assertThat(before.getList("items.evaluatedAt", String.class))
                .allSatisfy(t -> assertThat(java.time.Instant.parse(t)).isBefore(java.time.Instant.parse(fourthNewest)));
        assertThat(since.getInt("total") + before.getInt("total")).isEqualTo(7);
        assertThat(search(Map.of("accountId", account, "from", "2020-01-01", "to", "2020-01-02")).getInt("total")).isZero();
    }

    @Test
    void badParameters_are400NamingEachParameter() {
        assertBad(Map.of("status", "LIQUIDATED"), "status");
        assertBad(Map.of("from", "yesterday"), "from");
        assertBad(Map.of("to", "2026-13-45"), "to");
        assertBad(Map.of("from", "2026-11-22T00:00:00Z", "to", "2026-11-21T00:00:00Z"), "to");
        assertBad(Map.of("size", "0"), "size");
        assertBad(Map.of("size", "501"), "size");
        assertBad(Map.of("page", "-1"), "page");
        assertBad(Map.of("page", "two"), "page");
        assertBad(Map.of("policyVersion", "v7"), "policyVersion");
        assertBad(Map.of("accountId", "x".repeat(201)), "accountId");
        asCompliance().queryParams(Map.of("status", "NOPE", "size", "0")).get("/api/v1/verdicts").then().statusCode(400)
                .body("details.field", hasItem("status"))
                .body("details.field", hasItem("size"));
    }

    private static void assertBad(Map<String, String> parameters, String field) {
        asCompliance().queryParams(parameters).get("/api/v1/verdicts").then().statusCode(400)
                .body("details[0].field", equalTo(field))
                .body("error", org.hamcrest.Matchers.containsString(field));
    }

    private static JsonPath search(Map<String, String> parameters) {
        return asCompliance().queryParams(parameters).get("/api/v1/verdicts").then().statusCode(200).extract().jsonPath();
    }
}
