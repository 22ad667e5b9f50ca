package io.brokerpolicy.app;

import io.brokerpolicy.domain.AccountSnapshot;
import io.brokerpolicy.domain.AccountStatus;
import io.brokerpolicy.domain.Verdict;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The evaluation metrics at /q/metrics: {@code brokerpolicy_evaluations_total{status,broker}} and the
 * histogram {@code brokerpolicy_evaluation_seconds} (the rules' time of each single evaluation; a batch counts
 * its verdicts but has no per-evaluation time). Kept cheap for the hot path: one counter per status and broker,
 * created once and then found with two map lookups, and fixed histogram buckets. Broker ids come from the
 * clients, so after {@link #MAX_BROKERS} distinct ones the rest are counted under {@code broker="other"}
 * rather than growing the registry without bound.
 */
@ApplicationScoped
public class EvaluationMetrics {

    static final int MAX_BROKERS = 200;
    static final String OTHER_BROKERS = "other";

    @Inject
    MeterRegistry registry;

    private final Map<AccountStatus, Map<String, Counter>> counters = new EnumMap<>(AccountStatus.class);
    private final Map<String, String> brokerLabels = new ConcurrentHashMap<>();
    private Timer evaluationTime;

    @PostConstruct
    void init() {
        for (AccountStatus status : AccountStatus.values()) {
            counters.put(status, new ConcurrentHashMap<>());
        }
        evaluationTime = Timer.builder("brokerpolicy.evaluation")
                .description("Time the rules took for one evaluation (single evaluations, not batches)")
                .serviceLevelObjectives(millis(0.25), millis(0.5), millis(1), millis(2), millis(5), millis(10),
                        millis(25), millis(50), millis(100), millis(250), millis(500), millis(1000), millis(5000))
                .register(registry);
    }

    /** One evaluation of a single request: its verdict counted, its rules' time in the histogram. */
    public void evaluated(AccountSnapshot snapshot, Verdict verdict, long nanos) {
        counter(verdict.status(), snapshot.brokerId()).increment();
        evaluationTime.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** The verdicts of a batch, counted one by one. */
    public void evaluatedBatch(List<AccountSnapshot> snapshots, List<Verdict> verdicts) {
        for (int i = 0; i < verdicts.size(); i++) {
            counter(verdicts.get(i).status(), snapshots.get(i).brokerId()).increment();
        }
    }

    private Counter counter(AccountStatus status, String brokerId) {
        String broker = brokerLabels.get(brokerId);
        if (broker == null) {
            // Ids beyond the bound are not remembered either: random ids must not grow this map.
            broker = brokerLabels.size() < MAX_BROKERS ? brokerLabels.computeIfAbsent(brokerId, id -> id) : OTHER_BROKERS;
        }
        Counter counter = counters.get(status).get(broker);
        if (counter == null) {
            String label = broker;
            counter = counters.get(status).computeIfAbsent(broker, b -> Counter.builder("brokerpolicy.evaluations")
                    .description("Verdicts given, by status and broker")
                    .tag("status", status.name()).tag("broker", label).register(registry));
        }
        return counter;
    }

    private static Duration millis(double ms) {
        return Duration.ofNanos((long) (ms * 1_000_000));
    }
}
