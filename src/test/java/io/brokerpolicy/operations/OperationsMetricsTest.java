package io.brokerpolicy.operations;

import static io.brokerpolicy.testsupport.Api.asEvaluator;
import static io.brokerpolicy.testsupport.Api.asRiskEditor;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.brokerpolicy.testsupport.Api;
import io.brokerpolicy.testsupport.Snapshots;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The business metrics at /q/metrics move with the service's work: scraped as Prometheus would (the metrics
 * role), then evaluations are posted, then scraped again and the numbers compared.
 */
@QuarkusTest
class OperationsMetricsTest {

    @Test
    void evaluations_countByStatusAndBroker_andFillTheHistogram() {
        PrometheusScrape before = scrape();
        String healthy = evaluate();
        String stopOut = evaluateStatusOf(Snapshots.withBalance(Snapshots.aSnapshot(), "-500").toString());
        PrometheusScrape after = scrape();

        assertThat(healthy).isNotEqualTo(stopOut);
        for (String status : List.of(healthy, stopOut)) {
            assertThat(after.value("brokerpolicy_evaluations_total", "status", status, "broker", "acme-fx")
                    - before.value("brokerpolicy_evaluations_total", "status", status, "broker", "acme-fx"))
                    .as(status).isEqualTo(1.0);
        }
        assertThat(after.value("brokerpolicy_evaluation_seconds_count") - before.value("brokerpolicy_evaluation_seconds_count"))
                .isEqualTo(2.0);
        assertThat(after.value("brokerpolicy_evaluation_seconds_sum")).isGreaterThan(before.value("brokerpolicy_evaluation_seconds_sum"));
        // a histogram: cumulative buckets ending in +Inf, which holds every evaluation
        assertThat(after.value("brokerpolicy_evaluation_seconds_bucket", "le", "+Inf"))
                .isEqualTo(after.value("brokerpolicy_evaluation_seconds_count"));
        assertThat(after.has("brokerpolicy_evaluation_seconds_bucket", "le", "0.001")).isTrue();
    }

    @Test
    void aBatch_countsEachVerdict() {
        ArrayNode batch = JsonNodeFactory.instance.arrayNode().add(Snapshots.aSnapshot()).add(Snapshots.aSnapshot())
                .add(Snapshots.aSnapshot());
        String status = evaluateStatusOf(Snapshots.aSnapshot().toString());
        PrometheusScrape before = scrape();
        asEvaluator().contentType(ContentType.JSON).body(batch.toString()).post("/api/v1/evaluations/batch")
                .then().statusCode(200);
        PrometheusScrape after = scrape();
        assertThat(after.value("brokerpolicy_evaluations_total", "status", status, "broker", "acme-fx")
                - before.value("brokerpolicy_evaluations_total", "status", status, "broker", "acme-fx")).isEqualTo(3.0);
    }

    @Test
    void theActiveVersion_andTheReloads_areShown() {
        long active = asRiskEditor().get("/api/v1/policy/active").then().statusCode(200).extract().jsonPath().getLong("version");
        PrometheusScrape now = scrape();
        assertThat(now.value("brokerpolicy_policy_active_version")).isEqualTo((double) active);
        // the start read the folders once: a version activated, or the stored one found unchanged
        assertThat(now.value("brokerpolicy_policy_reloads_total", "result", "activated")
                + now.value("brokerpolicy_policy_reloads_total", "result", "unchanged")).isGreaterThanOrEqualTo(1.0);
        assertThat(now.has("brokerpolicy_policy_reloads_total", "result", "rejected")).isTrue();
    }

    @Test
    void theAuditLog_growsWithEachVerdict_andItsCheckpointAgeIsKnown() throws InterruptedException {
        PrometheusScrape before = scrape();
        evaluate();
        evaluate();
        // The log writer takes new rows into the tree in the background: wait for it, within bounds.
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        PrometheusScrape after = scrape();
        while (after.value("brokerpolicy_audit_tree_size") < before.value("brokerpolicy_audit_tree_size") + 2
                && System.nanoTime() < deadline) {
            Thread.sleep(200);
            after = scrape();
        }
        assertThat(after.value("brokerpolicy_audit_tree_size")).isGreaterThanOrEqualTo(before.value("brokerpolicy_audit_tree_size") + 2);
        // checkpoints are signed every few seconds (brokerpolicy.audit.checkpoint-interval): the age becomes a number
        while (Double.isNaN(after.value("brokerpolicy_audit_checkpoint_age_seconds")) && System.nanoTime() < deadline) {
            Thread.sleep(200);
            after = scrape();
        }
        assertThat(after.value("brokerpolicy_audit_checkpoint_age_seconds")).isBetween(0.0, 60.0);
    }

    @Test
    void tracing_isOffWithoutAnEndpoint() {
        // no OTLP endpoint in the test configuration: the SDK stays off, nothing is exported (TracingTest: on)
        assertThat(org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("quarkus.otel.sdk.disabled", Boolean.class)).isTrue();
    }

    private static PrometheusScrape scrape() {
        return PrometheusScrape.parse(Api.as("test-metrics").get("/q/metrics").then().statusCode(200).extract().asString());
    }

    private static String evaluate() {
        return evaluateStatusOf(Snapshots.aSnapshot().toString());
    }

    private static String evaluateStatusOf(String snapshot) {
        return asEvaluator().contentType(ContentType.JSON).body(snapshot).post("/api/v1/evaluations")
                .then().statusCode(201).extract().jsonPath().getString("status");
    }
}
