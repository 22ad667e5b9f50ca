package io.brokerpolicy.testsupport;

import static io.brokerpolicy.testsupport.Api.asEvaluator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.brokerpolicy.intake.Json;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Verdicts made through the real API, for tests that read them back as compliance does. */
public final class StoredVerdicts {

    private StoredVerdicts() {
    }

    /** Evaluates the snapshot (201 expected) and answers its verdictId. */
    public static String evaluate(ObjectNode snapshot) {
        return asEvaluator().contentType(ContentType.JSON).body(snapshot.toString())
                .post("/api/v1/evaluations").then().statusCode(201).extract().path("verdictId");
    }

    /** The snapshot of a golden case, under a fresh snapshotId and the given accountId. */
    public static ObjectNode goldenSnapshot(String caseName, String snapshotId, String accountId) {
        try (InputStream in = StoredVerdicts.class.getResourceAsStream("/cases/" + caseName + "/snapshot.json")) {
            ObjectNode snapshot = (ObjectNode) Json.MAPPER.readTree(in);
            snapshot.put("snapshotId", snapshotId);
            snapshot.put("accountId", accountId);
            return snapshot;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
