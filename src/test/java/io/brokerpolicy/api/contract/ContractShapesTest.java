package io.brokerpolicy.api.contract;

import static io.brokerpolicy.testsupport.Api.asCompliance;
import static io.brokerpolicy.testsupport.Api.asEvaluator;
import static io.brokerpolicy.testsupport.Api.asRiskEditor;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.brokerpolicy.api.ErrorBody;
import io.brokerpolicy.api.dto.PolicyViews;
import io.brokerpolicy.api.dto.ReplayResult;
import io.brokerpolicy.api.dto.SimulationResult;
import io.brokerpolicy.api.dto.StoredVerdict;
import io.brokerpolicy.api.dto.StressResult;
import io.brokerpolicy.api.dto.Verdict;
import io.brokerpolicy.api.dto.VerdictPage;
import io.brokerpolicy.audit.AuditProofs;
import io.brokerpolicy.audit.LogVerification;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Every shape the OpenAPI document names for an answer is the JSON the service really sends: real answers are read
 * strictly into the document's classes (an unknown field fails) and written back, and the two must be the same JSON
 * (a field the class declares but the answer lacks fails too). Explicit nulls count as absent; numbers compare by value.
 */
@QuarkusTest
class ContractShapesTest {

    private static final ObjectMapper STRICT = new ObjectMapper().registerModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    @Test
    void evaluationAnswers_searchReadAndReplay_areTheDocumentedShapes() throws IOException {
        String stopOut = example("examples/stop-out.json");
        Verdict verdict = sameShape(evaluate(stopOut).then().statusCode(201).extract().asString(), Verdict.class);
        assertThat(verdict.status).isEqualTo("STOP_OUT");
        sameShape(evaluate(stopOut).then().statusCode(200).extract().asString(), Verdict.class);

        String crypto = example("examples/crypto-partial-liquidation.json");
        Verdict liquidated = sameShape(evaluate(crypto).then().statusCode(201).extract().asString(), Verdict.class);
        assertThat(liquidated.maintenanceMargin).isNotNull();
        assertThat(liquidated.closeOuts).anySatisfy(step -> assertThat(step.maintenance).isNotNull());

        String batch = "[" + example("examples/healthy.json") + "," + example("examples/stop-out.json") + "]";
        String verdicts = asEvaluator().contentType(ContentType.JSON).body(batch).post("/api/v1/evaluations/batch")
                .then().statusCode(200).extract().asString();
        assertThat(sameShape(verdicts, new TypeReference<List<Verdict>>() { })).hasSize(2);
        String ndjson = asEvaluator().contentType("application/x-ndjson").accept("application/x-ndjson")
                .body((example("examples/healthy.json") + "\n" + example("examples/stop-out.json") + "\n")
                        .getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/evaluations/batch").then().statusCode(200).contentType("application/x-ndjson").extract().asString();
        assertThat(ndjson.lines().map(line -> sameShape(line, Verdict.class).status)).containsExactly("HEALTHY", "STOP_OUT");

        for (Verdict v : List.of(verdict, liquidated)) {
            sameShape(asCompliance().get("/api/v1/verdicts/" + v.verdictId).then().statusCode(200).extract().asString(),
                    StoredVerdict.class);
            ReplayResult replay = sameShape(asCompliance().post("/api/v1/verdicts/" + v.verdictId + "/replay")
                    .then().statusCode(200).extract().asString(), ReplayResult.class);
            assertThat(replay.identical).isTrue();
        }
        VerdictPage page = sameShape(asCompliance().queryParam("accountId", "A-1042").queryParam("size", 5)
                .get("/api/v1/verdicts").then().statusCode(200).extract().asString(), VerdictPage.class);
        assertThat(page.items).isNotEmpty();
    }

    @Test
    void auditAnswers_areTheDocumentedShapes() throws IOException {
        Verdict verdict = sameShape(evaluate(example("examples/healthy.json")).then().statusCode(201).extract().asString(),
                Verdict.class);
        AuditProofs.InclusionProof proof = sameShape(asCompliance().get("/api/v1/verdicts/" + verdict.verdictId + "/proof")
                .then().statusCode(200).extract().asString(), AuditProofs.InclusionProof.class);
        AuditProofs.CheckpointView latest = sameShape(asCompliance().get("/api/v1/audit/checkpoints/latest")
                .then().statusCode(200).extract().asString(), AuditProofs.CheckpointView.class);
        sameShape(asCompliance().post("/api/v1/audit/checkpoints").then().extract().asString(), AuditProofs.CheckpointView.class);
        sameShape(asCompliance().get("/api/v1/audit/public-key").then().statusCode(200).extract().asString(),
                AuditProofs.PublicKeyView.class);
        sameShape(asCompliance().queryParam("first", proof.checkpoint().treeSize()).queryParam("second", latest.treeSize())
                .get("/api/v1/audit/consistency").then().statusCode(200).extract().asString(), AuditProofs.ConsistencyProof.class);
        sameShape(asCompliance().get("/api/v1/audit/verify").then().statusCode(200).extract().asString(), LogVerification.class);
    }

    @Test
    void policyAnswers_areTheDocumentedShapes() throws IOException {
        PolicyViews.Active active = sameShape(asRiskEditor().get("/api/v1/policy/active").then().statusCode(200)
                .extract().asString(), PolicyViews.Active.class);
        sameShape(asRiskEditor().get("/api/v1/policy/status").then().statusCode(200).extract().asString(),
                PolicyViews.Status.class);
        sameShape(asRiskEditor().get("/api/v1/policy/versions").then().statusCode(200).extract().asString(),
                new TypeReference<List<PolicyViews.Version>>() { });
        sameShape(asRiskEditor().get("/api/v1/policy/versions/" + active.version()).then().statusCode(200).extract().asString(),
                PolicyViews.VersionDetail.class);

        String acme = Files.readString(Path.of("policies/acme-fx.yaml"));
        Map<String, Object> tighter = Map.of("files", Map.of("policies/acme-fx.yaml",
                acme.replace("    stopOutLevel: 50", "    stopOutLevel: 70")));
        PolicyViews.Validation validation = sameShape(asRiskEditor().contentType(ContentType.JSON).body(tighter)
                .post("/api/v1/policy/validate").then().statusCode(200).extract().asString(), PolicyViews.Validation.class);
        assertThat(validation.valid()).isTrue();
        Response drafted = asRiskEditor().contentType(ContentType.JSON).body(tighter).post("/api/v1/policy/drafts");
        assertThat(drafted.statusCode()).isIn(200, 201);
        PolicyViews.Draft draft = sameShape(drafted.asString(), PolicyViews.Draft.class);
        Map<String, Object> broken = Map.of("files", Map.of("policies/acme-fx.yaml",
                acme.replace("    stopOutLevel: 50", "    stopOutLevel: 45")));
        sameShape(asRiskEditor().contentType(ContentType.JSON).body(broken).post("/api/v1/policy/drafts")
                .then().statusCode(422).extract().asString(), PolicyViews.Validation.class);

        sameShape(asRiskEditor().get("/api/v1/policy/versions/" + active.version() + "/diff/" + draft.version())
                .then().statusCode(200).extract().asString(), PolicyViews.Diff.class);
        evaluate(example("examples/stop-out.json")).then().statusCode(201);
        SimulationResult simulation = sameShape(asRiskEditor().post("/api/v1/policy/versions/" + draft.version()
                + "/simulate?last=50").then().statusCode(200).extract().asString(), SimulationResult.class);
        assertThat(simulation.evaluated).isPositive();
        StressResult stress = sameShape(asRiskEditor().contentType(ContentType.JSON)
                .body("{\"shocks\": {\"US500\": -10, \"assetClass:FX_MAJOR\": 3}}")
                .post("/api/v1/policy/versions/" + active.version() + "/stress").then().statusCode(200).extract().asString(),
                StressResult.class);
        assertThat(stress.evaluated).isPositive();
    }

    @Test
    void errorAnswers_areTheDocumentedShape() {
        ErrorBody error = sameShape(asEvaluator().contentType(ContentType.JSON)
                .body("{\"snapshotId\": \"bad-1\", \"balance\": \"NaN\", \"positions\": []}").post("/api/v1/evaluations")
                .then().statusCode(400).extract().asString(), ErrorBody.class);
        assertThat(error.details()).anySatisfy(d -> assertThat(d.field()).isEqualTo("balance"));
        sameShape(asCompliance().get("/api/v1/verdicts/" + UUID.randomUUID()).then().statusCode(404).extract().asString(),
                ErrorBody.class);
    }

    /** An example file with a snapshotId of its own, so this test's verdicts are new. */
    static String example(String file) throws IOException {
        ObjectNode snapshot = (ObjectNode) STRICT.readTree(Files.readString(Path.of(file)));
        snapshot.put("snapshotId", "contract-" + UUID.randomUUID());
        return STRICT.writeValueAsString(snapshot);
    }

    private static Response evaluate(String snapshot) {
        return asEvaluator().contentType(ContentType.JSON).body(snapshot).post("/api/v1/evaluations");
    }

    static <T> T sameShape(String json, Class<T> type) {
        return sameShape(json, STRICT.constructType(type));
    }

    static <T> T sameShape(String json, TypeReference<T> type) {
        return sameShape(json, STRICT.constructType(type));
    }

    private static <T> T sameShape(String json, JavaType type) {
        try {
            T read = STRICT.readValue(json, type);
            JsonNode original = withoutNulls(STRICT.readTree(json));
            JsonNode written = withoutNulls(STRICT.valueToTree(read));
            assertThat(original.equals(ContractShapesTest::sameValue, written))
                    .withFailMessage("%s does not describe the answer exactly:%n answer:  %s%n as %s: %s", type, original,
                            type.getRawClass().getSimpleName(), written)
                    .isTrue();
            return read;
        } catch (IOException e) {
            throw new AssertionError(type + " does not describe the answer " + json + ": " + e.getMessage(), e);
        }
    }

    private static int sameValue(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue());
        }
        return a.equals(b) ? 0 : 1;
    }

    private static JsonNode withoutNulls(JsonNode node) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (field.getValue().isNull()) {
                    it.remove();
                } else {
                    withoutNulls(field.getValue());
                }
            }
        } else if (node.isArray()) {
            node.forEach(ContractShapesTest::withoutNulls);
        }
        return node;
    }
}
