package io.brokerpolicy.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.brokerpolicy.testsupport.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** GET /api/v1/policy/events: the lifecycle newest first, one version's only, bounded, and bad queries named. */
@QuarkusTest
class PolicyEventsApiTest {

    @Test
    void aDraftsLifeIsListedNewestFirst_withWhoAndWhen() throws Exception {
        String acme = Files.readString(Path.of("policies/acme-fx.yaml"));
        int draft = Api.asRiskEditor().contentType(ContentType.JSON)
                .body(Map.of("files", Map.of("policies/acme-fx.yaml", acme + "\n# events " + UUID.randomUUID() + "\n")))
                .post("/api/v1/policy/drafts").then().statusCode(201).extract().path("version");
        Api.asRiskEditor().post("/api/v1/policy/versions/" + draft + "/activate").then().statusCode(200);
        Api.asRiskEditor().post("/api/v1/policy/rollback").then().statusCode(200);

        List<Map<String, Object>> events = Api.asCompliance().get("/api/v1/policy/events?version=" + draft)
                .then().statusCode(200).extract().jsonPath().getList("$");
        assertThat(events).extracting(e -> e.get("action")).containsExactly("RETIRED", "ACTIVATED", "CREATED");
        assertThat(events).allSatisfy(e -> {
            assertThat(e.get("version")).isEqualTo(draft);
            assertThat(e.get("actor")).isEqualTo(Api.RISK_EDITOR);
            assertThat((String) e.get("at")).matches("\\d{4}-\\d{2}-\\d{2}T.*Z");
        });
        List<Map<String, Object>> newest = Api.asRiskEditor().get("/api/v1/policy/events?limit=2")
                .then().statusCode(200).extract().jsonPath().getList("$");
        assertThat(newest).hasSize(2);
        assertThat(newest.get(0).get("action")).isEqualTo("ROLLED_BACK");
        assertThat((String) newest.get(0).get("detail")).isEqualTo("rollback from version " + draft);
        assertThat(newest.get(1)).isEqualTo(events.get(0));
    }

    @Test
    void aBadQueryIsNamed() {
        Api.asCompliance().get("/api/v1/policy/events?limit=0").then().statusCode(400)
                .body("details[0].field", org.hamcrest.Matchers.equalTo("limit"));
        Api.asCompliance().get("/api/v1/policy/events?version=x").then().statusCode(400)
                .body("details[0].field", org.hamcrest.Matchers.equalTo("version"));
    }
}
