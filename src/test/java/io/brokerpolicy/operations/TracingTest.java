package io.brokerpolicy.operations;

import static io.brokerpolicy.testsupport.Api.asEvaluator;
import static org.assertj.core.api.Assertions.assertThat;

import io.brokerpolicy.testsupport.Snapshots;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * With an OTLP endpoint configured (and the SDK switched on, docs/operations.md), an evaluation is exported as a
 * span to that collector, here a stand-in HTTP server ({@link OtlpReceiver}). The caller's trace id in
 * {@code traceparent} is kept.
 */
@QuarkusTest
@TestProfile(TracingTest.WithCollector.class)
class TracingTest {

    public static class WithCollector implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(OtlpReceiver.class));
        }
    }

    @Test
    void anEvaluation_isExportedAsASpan_inTheCallersTrace() throws Exception {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        asEvaluator().header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01").contentType(ContentType.JSON)
                .body(Snapshots.aSnapshot().toString()).post("/api/v1/evaluations").then().statusCode(201);
        String receiver = ConfigProvider.getConfig().getValue("otlp-receiver.url", String.class);
        HttpClient http = HttpClient.newHttpClient();
        byte[] traceIdBytes = java.util.HexFormat.of().parseHex(traceId);
        String traceIdAsText = new String(traceIdBytes, java.nio.charset.StandardCharsets.ISO_8859_1);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        String received = "";
        while (System.nanoTime() < deadline) {
            received = http.send(HttpRequest.newBuilder(URI.create(receiver + "/received")).build(),
                    HttpResponse.BodyHandlers.ofString(java.nio.charset.StandardCharsets.ISO_8859_1)).body();
            if (received.contains("/api/v1/evaluations") && received.contains(traceIdAsText)) {
                break;
            }
            Thread.sleep(200);
        }
        assertThat(received).as("OTLP exports received").contains("/v1/traces").contains("/api/v1/evaluations")
                .contains("brokerpolicy");
        assertThat(received).as("the caller's trace id").contains(traceIdAsText);
    }
}
