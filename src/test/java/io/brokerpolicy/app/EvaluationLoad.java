package io.brokerpolicy.app;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.brokerpolicy.testsupport.Api;
import io.brokerpolicy.testsupport.Snapshots;
import java.net.URI;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * Clients posting single evaluations, each under a new snapshotId, on loopback, bounded in count and in
 * time. It remembers what each snapshot was answered: acknowledged (201/200), refused (503 with
 * Retry-After and a JSON body), no answer (connection refused or cut: the service was killed), or anything
 * else (a failure of the test).
 */
final class EvaluationLoad {

    private static final String AUTH = "Basic " + Base64.getEncoder()
            .encodeToString((Api.EVALUATOR + ":" + Api.PASSWORD).getBytes(StandardCharsets.UTF_8));
    private static final int MAX_PER_CLIENT = 20_000;

    private final String prefix;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Map<String, String> bodies = new ConcurrentHashMap<>();
    final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    final Set<String> refused = ConcurrentHashMap.newKeySet();
    final Set<String> unanswered = ConcurrentHashMap.newKeySet();
    final List<String> unexpected = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger refusals = new AtomicInteger();
    private final AtomicInteger counter = new AtomicInteger();
    private final AtomicBoolean running = new AtomicBoolean();
    private ExecutorService pool;
    private volatile String base;

    EvaluationLoad(String prefix) {
        this.prefix = prefix;
    }

    void start(String base, int clients) {
        this.base = base;
        running.set(true);
        pool = Executors.newFixedThreadPool(clients);
        for (int c = 0; c < clients; c++) {
            pool.submit(() -> {
                for (int i = 0; i < MAX_PER_CLIENT && running.get(); i++) {
                    sendNew();
                }
            });
        }
    }

    void stop() throws InterruptedException {
        running.set(false);
        pool.shutdown();
        if (!pool.awaitTermination(120, TimeUnit.SECONDS)) {
            throw new AssertionError("the load did not stop");
        }
    }

    /** Waits until {@code more} further snapshots are acknowledged. */
    void awaitAcknowledged(int more, Duration limit, String what) throws InterruptedException {
        int target = acknowledged.size() + more;
        await(() -> acknowledged.size() >= target, limit, what + " (" + more + " acknowledgements)");
    }

    static void await(BooleanSupplier condition, Duration limit, String what) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    Set<String> sent() {
        return bodies.keySet();
    }

    String prefix() {
        return prefix;
    }

    private void sendNew() {
        ObjectNode snapshot = Snapshots.aSnapshot();
        String id = prefix + counter.incrementAndGet();
        snapshot.put("snapshotId", id);
        bodies.put(id, snapshot.toString());
        int status = post(id);
        if (status == 200 || status == 201) {
            acknowledged.add(id);
            return;
        }
        if (status == 503) {
            refusals.incrementAndGet();
            refused.add(id);
        } else if (status == -1) {
            unanswered.add(id);
        }
        pause(); // as a client backs off: no tight loop of refusals while the service or database is away
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Posts the snapshot; answers the status, or -1 when there was no answer. */
    int post(String id) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/evaluations"))
                    .timeout(Duration.ofSeconds(60)).header("Authorization", AUTH)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(bodies.get(id))).build(), HttpResponse.BodyHandlers.ofString());
            int status = r.statusCode();
            boolean proper = status == 200 || status == 201 || status == 503
                    && r.headers().firstValue("Retry-After").isPresent() && r.body().startsWith("{\"error\":");
            if (!proper) {
                unexpected.add(status + " " + r.body());
            }
            return status;
        } catch (java.io.IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /**
     * The client's part after a fault: sends again what was refused or not answered. A snapshot stored just
     * before its answer was lost is answered 200 with the stored verdict; one that was not stored, 201.
     */
    void resendUnacknowledged(String toBase) {
        this.base = toBase;
        List<String> open = new ArrayList<>(refused);
        open.addAll(unanswered);
        for (String id : open) {
            int status = post(id);
            if (status != 200 && status != 201) {
                unexpected.add("the retry of " + id + " was answered " + status);
            } else {
                acknowledged.add(id);
                refused.remove(id);
                unanswered.remove(id);
            }
        }
    }
}
