package io.brokerpolicy.policy;

import static io.brokerpolicy.testsupport.Api.asCompliance;
import static io.brokerpolicy.testsupport.Api.asRiskEditor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.brokerpolicy.intake.Json;
import io.brokerpolicy.testsupport.TempPolicyFolders;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The worked example of the README and docs/risk-team.md (its files are examples/concentration/), against a
 * running service: a risk team adds a single-position concentration limit by saving three files (a rule, its
 * parameter and code in the broker policy, a scenario beside it), sees the version go live, and sees the
 * violation, with the team's own code, in the verdict of an evaluation and in the stored verdict.
 */
@QuarkusTest
@TestProfile(TempPolicyFolders.class)
class RiskTeamConcentrationExampleTest {

    private static final Path EXAMPLE = Path.of("examples/concentration");
    private static final String RULE = "rules/concentration.drl";
    private static final String ACME = "policies/acme-fx.yaml";
    private static final String SCENARIO = "policies/scenarios/concentration.yaml";

    @Test
    void savingARuleItsParameterAndAScenario_makesTheLimitLive_andItShowsInVerdicts() throws IOException {
        long before = PolicyLifecycleTest.activeVersion();
        String scenario = Files.readString(EXAMPLE.resolve("concentration-scenario.yaml"));
        try {
            TempPolicyFolders.save(ACME, PolicyLifecycleTest.original(ACME)
                    + Files.readString(EXAMPLE.resolve("acme-fx-concentration.yaml")));
            TempPolicyFolders.save(SCENARIO, scenario);
            TempPolicyFolders.save(RULE, Files.readString(EXAMPLE.resolve("concentration.drl")));

            HostileRuleFilesServiceTest.awaitLong("the concentration rule to become active", () -> asRiskEditor()
                    .get("/api/v1/policy/active").then().extract().jsonPath().getList("files").contains(RULE));
            long live = PolicyLifecycleTest.activeVersion();
            assertThat(live).isNotEqualTo(before);
            JsonPath version = asRiskEditor().get("/api/v1/policy/versions/" + live).then().statusCode(200)
                    .extract().jsonPath();
            assertThat(version.getString("source")).isEqualTo("FILE");

            ObjectNode snapshot = (ObjectNode) Json.MAPPER.readTree(Files.readString(EXAMPLE.resolve("snapshot.json")));
            JsonNode asWritten = snapshot.deepCopy().without("snapshotId");
            JsonNode inScenario = ((ObjectNode) scenarioSnapshot(scenario)).without("snapshotId");
            assertThat(asWritten.equals(inScenario)).as("examples/concentration/snapshot.json is the scenario's snapshot")
                    .isTrue();
            snapshot.put("snapshotId", "concentration-" + UUID.randomUUID());
            JsonPath verdict = PolicyLifecycleTest.evaluate(snapshot).then().statusCode(201)
                    .body("status", equalTo("HEALTHY"))
                    .body("policy.version", equalTo((int) live))
                    .extract().jsonPath();
            assertThat(verdict.getList("violations.code")).containsExactly("CONCENTRATION_LIMIT_EXCEEDED");
            assertThat(verdict.getString("violations[0].positionId")).isEqualTo("big");
            assertThat(verdict.getString("violations[0].rule")).isEqualTo("SinglePositionAboveConcentrationLimit");
            assertThat(verdict.getString("explanation")).contains("CONCENTRATION_LIMIT_EXCEEDED on position big: a single"
                    + " position's notional is above the broker's limit for the account's equity (600000.00 USD against"
                    + " a limit of 500000.00 USD)");
            assertThat(verdict.getList("firedRules.file")).contains(RULE);

            asCompliance().get("/api/v1/verdicts/" + verdict.getString("verdictId")).then().statusCode(200)
                    .body("violations[0].code", equalTo("CONCENTRATION_LIMIT_EXCEEDED"));
        } finally {
            Files.deleteIfExists(TempPolicyFolders.ROOT.resolve(RULE));
            Files.deleteIfExists(TempPolicyFolders.ROOT.resolve(SCENARIO));
            PolicyLifecycleTest.restore(ACME);
            HostileRuleFilesServiceTest.awaitLong("the example's files to be gone from the active version", () ->
                    !asRiskEditor().get("/api/v1/policy/active").then().extract().jsonPath().getList("files").contains(RULE));
        }
    }

    @Test
    void theDocsShowTheExampleFilesAsTheyAre() throws IOException {
        String guide = Files.readString(Path.of("docs/risk-team.md"));
        for (String file : new String[] {"concentration.drl", "acme-fx-concentration.yaml", "concentration-scenario.yaml"}) {
            assertThat(guide).as("docs/risk-team.md shows examples/concentration/" + file)
                    .contains(Files.readString(EXAMPLE.resolve(file)));
        }
    }

    /** The scenario's snapshot, exactly as the risk team wrote it, as the JSON the evaluation API receives. */
    private static JsonNode scenarioSnapshot(String scenario) {
        Object yaml = new Yaml().load(scenario);
        JsonNode tree = Json.MAPPER.valueToTree(yaml);
        return tree.get("scenarios").get(0).get("snapshot").deepCopy();
    }
}
