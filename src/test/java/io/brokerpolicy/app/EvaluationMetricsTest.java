package io.brokerpolicy.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.brokerpolicy.domain.AccountSnapshot;
import io.brokerpolicy.domain.AccountStatus;
import io.brokerpolicy.domain.ClientCategory;
import io.brokerpolicy.domain.Verdict;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The evaluation counters on a real Micrometer registry: by status and broker, and bounded in brokers. */
class EvaluationMetricsTest {

    @Test
    void brokerIdsBeyondTheBound_areCountedAsOther_soClientsCannotGrowTheRegistryWithoutEnd() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        EvaluationMetrics metrics = new EvaluationMetrics();
        metrics.registry = registry;
        metrics.init();

        int brokers = EvaluationMetrics.MAX_BROKERS + 50;
        for (int i = 0; i < brokers; i++) {
            metrics.evaluated(snapshot("broker-" + i), verdict(AccountStatus.HEALTHY), 1_000);
        }
        metrics.evaluated(snapshot("broker-0"), verdict(AccountStatus.STOP_OUT), 1_000);
        metrics.evaluatedBatch(List.of(snapshot("broker-0"), snapshot("broker-9999")),
                List.of(verdict(AccountStatus.STOP_OUT), verdict(AccountStatus.MARGIN_CALL)));

        Set<String> labels = registry.find("brokerpolicy.evaluations").counters().stream()
                .map(c -> c.getId().getTag("broker")).collect(Collectors.toSet());
        assertThat(labels).hasSize(EvaluationMetrics.MAX_BROKERS + 1).contains("broker-0", "other")
                .doesNotContain("broker-" + (brokers - 1), "broker-9999");
        assertThat(count(registry, "HEALTHY", "other")).isEqualTo(50.0);
        assertThat(count(registry, "STOP_OUT", "broker-0")).isEqualTo(2.0);
        assertThat(count(registry, "MARGIN_CALL", "other")).isEqualTo(1.0);
        // the histogram holds single evaluations only
        assertThat(registry.find("brokerpolicy.evaluation").timer().count()).isEqualTo(brokers + 1);
    }

    private static double count(SimpleMeterRegistry registry, String status, String broker) {
        Counter counter = registry.find("brokerpolicy.evaluations").tag("status", status).tag("broker", broker).counter();
        return counter == null ? 0 : counter.count();
    }

    private static AccountSnapshot snapshot(String broker) {
        Instant now = Instant.parse("2026-11-21T14:03:11Z");
        return new AccountSnapshot("snap-1", "A-1", broker, "standard", "FULL", "EU", ClientCategory.RETAIL, "USD",
                now.minusSeconds(86_400), now, BigDecimal.TEN, List.of());
    }

    private static Verdict verdict(AccountStatus status) {
        return new Verdict("snap-1", "A-1", status, null, null, null, null, null, null, List.of(), null, List.of(),
                List.of(), null, List.of(), "", null);
    }
}
