package io.brokerpolicy.app;

import io.brokerpolicy.audit.AuditHashes;
import io.brokerpolicy.audit.StoredVerdict;
import io.brokerpolicy.domain.Verdict;
import io.brokerpolicy.domain.policy.BrokerPolicy;
import io.brokerpolicy.engine.CompiledPolicy;
import io.brokerpolicy.intake.SnapshotParser;
import io.brokerpolicy.intake.SnapshotReader;
import io.brokerpolicy.persistence.VerdictStore;
import io.brokerpolicy.policy.ActivePolicy;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Runs the request path in memory after the start, until it runs at steady speed: the first minutes after a
 * start were several times slower than later ones (the JIT compiles the reader, the rules, the verdict
 * document and the COPY rendering only once they are hot). Synthetic snapshots for every broker and account
 * type of the active policy go through what a request does, as single snapshots and as batches (a JSON array
 * and NDJSON): read from text, evaluated, the verdict document written and rendered as the row, hashed, the
 * answer derived. Nothing is stored. It runs on a low-priority thread once the service is ready, so the
 * readiness time does not grow; a round of real requests meanwhile shares the cores with it.
 */
@ApplicationScoped
public class RequestPathWarmup {

    private static final Logger LOG = Logger.getLogger(RequestPathWarmup.class);
    static final int BATCH = 250;
    static final int MIN_ROUNDS = 12;
    static final int MAX_ROUNDS = 80;
    static final long MAX_MILLIS = 30_000;

    @Inject
    ActivePolicy active;
    @Inject
    VerdictStore store;
    @Inject
    Clock clock;

    /**
     * Set when the service begins to stop: the warm-up then ends at its next round, and a round cut short by
     * the container going away is not reported as a failure (a stop right after the start is ordinary).
     */
    private volatile boolean stopping;

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
    }

    void onStart(@Observes StartupEvent event) {
        if (LaunchMode.current() == LaunchMode.TEST) {
            return; // each test run boots the service many times; the suite measures nothing by speed
        }
        Thread thread = new Thread(() -> {
            try {
                run(MAX_ROUNDS, MAX_MILLIS);
            } catch (RuntimeException e) {
                if (!stopping) {
                    LOG.warnf(e, "the request-path warm-up stopped early");
                }
            }
        }, "request-path-warmup");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
    }

    /**
     * Rounds of one batch and as many single snapshots, until three rounds in a row are within 15% of the
     * fastest so far (after at least {@value #MIN_ROUNDS}), or the bounds are reached. Answers the rounds run.
     */
    int run(int maxRounds, long maxMillis) {
        CompiledPolicy policy = active.get().policy();
        SnapshotReader reader = new SnapshotReader(new SnapshotParser(clock, Integer.MAX_VALUE), Integer.MAX_VALUE);
        long start = System.nanoTime();
        long fastest = Long.MAX_VALUE;
        int steady = 0;
        int round = 0;
        while (!stopping && round < maxRounds && (System.nanoTime() - start) / 1_000_000 < maxMillis) {
            long roundStart = System.nanoTime();
            oneRound(policy, reader, round);
            long took = System.nanoTime() - roundStart;
            fastest = Math.min(fastest, took);
            steady = took <= fastest * 1.15 ? steady + 1 : 0;
            round++;
            if (round >= MIN_ROUNDS && steady >= 3) {
                break;
            }
        }
        LOG.infof("request path warmed up: %d rounds of %d snapshots in %d ms (last round %.1f ms)", round, 2 * BATCH,
                (System.nanoTime() - start) / 1_000_000, fastest / 1e6);
        return round;
    }

    private void oneRound(CompiledPolicy policy, SnapshotReader reader, int round) {
        List<String> bodies = snapshots(policy, round);
        String batch = round % 2 == 0 ? "[" + String.join(",", bodies) + "]" : String.join("\n", bodies);
        List<SnapshotReader.Read> reads;
        try {
            reads = reader.readBatch(batch, round % 2 == 1);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("the warm-up's own snapshots are not JSON", e);
        }
        List<Verdict> verdicts = policy.evaluateAll(reads.stream().map(SnapshotReader.Read::snapshot).toList());
        List<VerdictStore.Evaluated> evaluated = new ArrayList<>(reads.size());
        for (int i = 0; i < reads.size(); i++) {
            evaluated.add(new VerdictStore.Evaluated(reads.get(i).snapshot(), reads.get(i).json(),
                    AuditHashes.sha256(reads.get(i).json()), verdicts.get(i)));
        }
        store.rehearse(evaluated);
        List<VerdictStore.Evaluated> singles = new ArrayList<>(bodies.size());
        for (String body : bodies) {
            try {
                SnapshotReader.Read read = reader.readOne(body);
                singles.add(new VerdictStore.Evaluated(read.snapshot(), read.json(), AuditHashes.sha256(read.json()),
                        policy.evaluate(read.snapshot()), 1L));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("the warm-up's own snapshot is not JSON", e);
            }
        }
        store.rehearse(singles);
        new StoredVerdict("warm-up", "{\"schemaVersion\":2,\"warm\":true}", false).viewJson();
    }

    /** Snapshots as a trading system sends them, 1 to 10 positions, for every broker and account type. */
    private List<String> snapshots(CompiledPolicy policy, int round) {
        List<String> out = new ArrayList<>(BATCH);
        List<BrokerPolicy> brokers = List.copyOf(policy.book().brokers().values());
        String asOf = Instant.now(clock).minusSeconds(60).toString();
        for (int i = 0; out.size() < BATCH; i++) {
            BrokerPolicy broker = brokers.get(i % brokers.size());
            List<String> types = List.copyOf(broker.accountTypes().keySet());
            String tier = broker.kycTiers().keySet().stream().sorted().findFirst().orElse(null);
            StringBuilder json = new StringBuilder(2_000)
                    .append("{\"snapshotId\":\"warm-up-").append(round).append('-').append(i)
                    .append("\",\"accountId\":\"warm-up-").append(i % 97)
                    .append("\",\"brokerId\":\"").append(broker.brokerId())
                    .append("\",\"accountType\":\"").append(types.get(i % types.size())).append('"');
            if (tier != null) {
                json.append(",\"kycTier\":\"").append(tier).append('"');
            }
            json.append(",\"jurisdiction\":\"ZZ\",\"clientCategory\":\"").append(i % 3 == 0 ? "RETAIL" : "PROFESSIONAL")
                    .append("\",\"currency\":\"USD\",\"accountOpenedAt\":\"2020-01-01T00:00:00Z\",\"asOf\":\"").append(asOf)
                    .append("\",\"balance\":\"").append(100 + (i * 37) % 900).append(".00\",\"positions\":[");
            int positions = 1 + i % 10;
            for (int k = 0; k < positions; k++) {
                if (k > 0) {
                    json.append(',');
                }
                boolean fx = k % 2 == 0;
                json.append("{\"positionId\":\"p").append(k).append("\",\"symbol\":\"").append(fx ? "EURUSD" : "DE40")
                        .append("\",\"assetClass\":\"").append(fx ? "FX_MAJOR" : "INDEX_MAJOR")
                        .append("\",\"side\":\"").append(k % 3 == 0 ? "SHORT" : "LONG")
                        .append("\",\"quantity\":\"").append(fx ? "0.10" : "1")
                        .append("\",\"contractSize\":\"").append(fx ? "100000" : "1")
                        .append("\",\"openPrice\":\"").append(fx ? "1.1000" : "18000")
                        .append("\",\"markPrice\":\"").append(fx ? "1.0850" : "17800")
                        .append("\",\"leverage\":\"").append(fx ? "30" : "20")
                        .append("\",\"swap\":\"-0.40\",\"fees\":\"0\",\"openedAt\":\"2026-01-01T00:00:00Z\"}");
            }
            out.add(json.append("]}").toString());
        }
        return out;
    }
}
