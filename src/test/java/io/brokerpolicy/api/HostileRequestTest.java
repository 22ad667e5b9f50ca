package io.brokerpolicy.api;

import static io.brokerpolicy.testsupport.Api.asEvaluator;
import static io.brokerpolicy.testsupport.Snapshots.aSnapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.brokerpolicy.testsupport.Snapshots;
import io.brokerpolicy.testsupport.StoredRows;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import io.brokerpolicy.testsupport.Api;
import io.quarkus.test.common.http.TestHTTPResource;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.CountDownLatch;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** Requests built to hurt: too big, too many, too deep, and the same snapshot from many threads at once. */
@QuarkusTest
class HostileRequestTest {

    @Inject
    DataSource dataSource;

    @TestHTTPResource("/")
    URL base;

    /**
     * The server answers as soon as it has read the headers and closes the connection, so a client still
     * sending 5 MB would see a broken pipe: this one announces the size, sends a little and reads.
     */
    @Test
    void aBodyOverFourMegabytes_is413WithAJsonBody() throws Exception {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(30_000);
            String credentials = Base64.getEncoder().encodeToString((Api.EVALUATOR + ":" + Api.PASSWORD)
                    .getBytes(StandardCharsets.UTF_8));
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/evaluations HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Authorization: Basic " + credentials + "\r\nContent-Length: " + (5 * 1024 * 1024) + "\r\n\r\n{\"a\":\"")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 413");
            assertThat(answer).containsIgnoringCase("content-type: application/json");
            assertThat(answer).contains("{\"error\":\"the request body is too large");
        }
    }

    @Test
    void morePositionsThanAllowed_is400NamingPositions() {
        ObjectNode snapshot = aSnapshot();
        ArrayNode positions = (ArrayNode) snapshot.get("positions");
        for (int i = 2; i <= 1001; i++) {
            positions.add(Snapshots.aPosition("p" + i));
        }
        post(snapshot).then().statusCode(400).body("details.field", hasItem("positions"));
    }

    @Test
    void numbersTooLongOrNestingTooDeep_areRefusedBeforeParsing() {
        String longNumber = aSnapshot().put("balance", 1).toString().replace("\"balance\":1", "\"balance\":1" + "0".repeat(200));
        asEvaluator().contentType(ContentType.JSON).body(longNumber).post("/api/v1/evaluations").then()
                .statusCode(400).body("error", containsString("limits"));
        String deep = aSnapshot().toString().replace("\"currency\":\"USD\"",
                "\"currency\":" + "{\"a\":".repeat(40) + "1" + "}".repeat(40));
        asEvaluator().contentType(ContentType.JSON).body(deep).post("/api/v1/evaluations").then()
                .statusCode(400).body("error", containsString("limits"));
        String hugeExponent = aSnapshot().toString().replace("\"balance\":\"1000.00\"", "\"balance\":1e999999999");
        asEvaluator().contentType(ContentType.JSON).body(hugeExponent).post("/api/v1/evaluations").then()
                .statusCode(400).body("details.field", hasItem("balance"));
        String negativeZeroExponent = aSnapshot().toString().replace("\"balance\":\"1000.00\"", "\"balance\":-0.0e-999999999");
        asEvaluator().contentType(ContentType.JSON).body(negativeZeroExponent).post("/api/v1/evaluations").then()
                .statusCode(400).body("error", notNullValue());
    }

    @Test
    void theSameSnapshotFromManyThreadsAtOnce_isStoredOnce_oneIsCreatedTheRestGetIt() throws Exception {
        ObjectNode snapshot = aSnapshot();
        String body = snapshot.toString();
        int threads = 12;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Response>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < threads; i++) {
                Callable<Response> call = () -> {
                    start.await();
                    return asEvaluator().contentType(ContentType.JSON).body(body).post("/api/v1/evaluations");
                };
                answers.add(pool.submit(call));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            List<String> verdictIds = new ArrayList<>();
            for (Future<Response> answer : answers) {
                Response response = answer.get();
                statuses.add(response.statusCode());
                verdictIds.add(response.path("verdictId"));
            }
            assertThat(statuses).containsOnly(200, 201);
            assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
            assertThat(verdictIds).containsOnly(verdictIds.get(0));
        } finally {
            pool.shutdownNow();
        }
        assertThat(rows(snapshot.get("snapshotId").asText())).isEqualTo(1);
    }

    @Test
    void theSameSnapshotInConcurrentBatches_isStoredOnce() throws Exception {
        ObjectNode shared = aSnapshot();
        int threads = 6;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < threads; i++) {
                String batch = "[" + aSnapshot() + "," + shared + "]";
                answers.add(pool.submit(() -> {
                    start.await();
                    return asEvaluator().contentType(ContentType.JSON).body(batch).post("/api/v1/evaluations/batch")
                            .statusCode();
                }));
            }
            start.countDown();
            for (Future<Integer> answer : answers) {
                assertThat(answer.get()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(rows(shared.get("snapshotId").asText())).isEqualTo(1);
    }

    private static Response post(ObjectNode snapshot) {
        return asEvaluator().contentType(ContentType.JSON).body(snapshot.toString()).post("/api/v1/evaluations");
    }

    private long rows(String snapshotId) {
        return StoredRows.verdictsOf(dataSource, snapshotId);
    }
}
