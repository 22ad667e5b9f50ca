package io.brokerpolicy.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.brokerpolicy.testsupport.Api;
import io.brokerpolicy.testsupport.PostgresServer;
import io.brokerpolicy.testsupport.Snapshots;
import io.brokerpolicy.testsupport.StoredRows;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL is stopped and started again under a load of evaluations (single and batch). While it is
 * away the service answers 503 with Retry-After, never a 500 or a verdict it did not store; afterwards it
 * serves again by itself; every snapshot that was acknowledged has exactly one stored verdict, a refused
 * batch is stored whole or not at all, and the audit log still verifies leaf by leaf.
 */
@QuarkusTest
class DatabaseOutageTest {

    private static final int WORKERS = 3;
    private static final int BATCH = 5;

    @TestHTTPResource("/")
    URL base;
    @Inject
    DataSource dataSource;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String runId = "outage-" + UUID.randomUUID().toString().substring(0, 8);
    private final Map<String, String> sent = new ConcurrentHashMap<>();
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final List<List<String>> refused = Collections.synchronizedList(new ArrayList<>());
    private final List<String> unexpected = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger unavailable = new AtomicInteger();
    private final AtomicInteger counter = new AtomicInteger();

    @Test
    void postgresStoppedMidLoad_answers503_recovers_andLosesOrDuplicatesNothing() throws Exception {
        assumeTrue(PostgresServer.controllable(), "an external PostgreSQL cannot be stopped from here");
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(WORKERS);
        for (int w = 0; w < WORKERS; w++) {
            boolean batches = w == 0;
            pool.submit(() -> {
                while (running.get()) {
                    send(batches ? BATCH : 1);
                }
                return null;
            });
        }
        try {
            waitFor(() -> acknowledged.size() >= 60, Duration.ofSeconds(60), "acknowledgements before the outage");
            PostgresServer.stop();
            int before = unavailable.get();
            waitFor(() -> unavailable.get() >= before + 20, Duration.ofSeconds(60), "503 answers during the outage");
            PostgresServer.start();
            int acknowledgedAtRestart = acknowledged.size();
            waitFor(() -> acknowledged.size() >= acknowledgedAtRestart + 60, Duration.ofSeconds(90),
                    "acknowledgements after PostgreSQL came back");
        } finally {
            running.set(false);
            pool.shutdown();
            assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        }

        assertThat(unexpected).as("answers other than 200, 201 and 503 with Retry-After").isEmpty();
        assertThat(unavailable.get()).isGreaterThanOrEqualTo(20);
        for (List<String> batch : refused) {
            long stored = batch.stream().filter(id -> rows(id) > 0).count();
            assertThat(stored).as("a refused batch is stored whole or not at all").isIn(0L, (long) batch.size());
        }
        // The client's part: send again what was refused. The service answers the stored verdict when the
        // refusal came after its commit, and stores it now otherwise.
        for (List<String> batch : new ArrayList<>(refused)) {
            for (String id : batch) {
                int status = post("/api/v1/evaluations", sent.get(id));
                assertThat(status).as("the retry of " + id).isIn(200, 201);
                acknowledged.add(id);
            }
        }
        assertThat(acknowledged).hasSize(sent.size());
        for (String id : acknowledged) {
            assertThat(rows(id)).as("stored verdicts of acknowledged " + id).isEqualTo(1);
        }
        assertThat(rowsOfThisRun()).isEqualTo(sent.size());
        LogCheck.Result log = LogCheck.verify();
        assertThat(log.problems()).isEmpty();
        assertThat(log.checked()).isGreaterThanOrEqualTo(sent.size());
        System.out.printf("database outage: %d snapshots acknowledged, %d answers 503 during the outage, "
                + "%d audit log leaves verified%n", acknowledged.size(), unavailable.get(), log.checked());
    }

    private Void send(int size) {
        List<String> ids = new ArrayList<>();
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            ObjectNode snapshot = Snapshots.aSnapshot();
            String id = runId + "-" + counter.incrementAndGet();
            snapshot.put("snapshotId", id);
            ids.add(id);
            bodies.add(snapshot.toString());
            sent.put(id, snapshot.toString());
        }
        int status = size == 1 ? post("/api/v1/evaluations", bodies.get(0))
                : post("/api/v1/evaluations/batch", "[" + String.join(",", bodies) + "]");
        if (status == 200 || status == 201) {
            acknowledged.addAll(ids);
        } else if (status == 503) {
            unavailable.incrementAndGet();
            refused.add(ids);
        } else {
            refused.add(ids);
        }
        return null;
    }

    private int post(String path, String body) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(base.toString()).resolve(path))
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                            (Api.EVALUATOR + ":" + Api.PASSWORD).getBytes(StandardCharsets.UTF_8)))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            boolean expected = status == 200 || status == 201
                    || status == 503 && response.headers().firstValue("Retry-After").isPresent();
            if (!expected) {
                unexpected.add(status + " " + response.body());
            }
            return status;
        } catch (Exception e) {
            unexpected.add("no answer: " + e);
            return -1;
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier condition, Duration limit, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    private long rows(String snapshotId) {
        return count("select count(*) from verdict where snapshot_id = ?", snapshotId);
    }

    private long rowsOfThisRun() {
        return count("select count(*) from verdict where snapshot_id like ?", runId + "-%");
    }

    private long count(String sql, String parameter) {
        return StoredRows.count(dataSource, sql, parameter);
    }
}
