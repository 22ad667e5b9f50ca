package io.brokerpolicy.audit;

import static io.brokerpolicy.testsupport.Api.asCompliance;
import static io.brokerpolicy.testsupport.Api.asEvaluator;
import static io.brokerpolicy.testsupport.Snapshots.aSnapshot;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With masking switched on, no export shows the account id: not in the CSV, not in the verdict or its snapshot. */
@QuarkusTest
@TestProfile(MaskedExportTest.Masking.class)
class MaskedExportTest {

    public static class Masking implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("brokerpolicy.export.mask-account-ids", "true");
        }
    }

    @Test
    void exportsShowOnlyTheLastCharactersOfAccountIds() {
        Instant from = Instant.now().minusSeconds(5);
        ObjectNode snapshot = aSnapshot().put("accountId", "ACC-77771042");
        asEvaluator().contentType(ContentType.JSON).body(snapshot.toString()).post("/api/v1/evaluations")
                .then().statusCode(201);
        String range = "from=" + from + "&to=" + Instant.now().plusSeconds(5);

        String csv = asCompliance().get("/api/v1/verdicts/export?format=csv&" + range).then().statusCode(200)
                .extract().asString();
        String ndjson = asCompliance().get("/api/v1/verdicts/export?format=ndjson&" + range).then().statusCode(200)
                .extract().asString();

        assertThat(csv).contains("****1042").doesNotContain("ACC-77771042");
        assertThat(ndjson).contains("\"accountId\":\"****1042\"").doesNotContain("ACC-77771042");
        // The search answer for the compliance team itself is not an export and keeps the id.
        asCompliance().get("/api/v1/verdicts?accountId=ACC-77771042").then().statusCode(200)
                .body("items[0].accountId", org.hamcrest.Matchers.equalTo("ACC-77771042"));
    }
}
