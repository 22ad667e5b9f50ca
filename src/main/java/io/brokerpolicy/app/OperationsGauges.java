package io.brokerpolicy.app;

import io.brokerpolicy.audit.log.CheckpointEntry;
import io.brokerpolicy.persistence.AuditLogWriter;
import io.brokerpolicy.policy.ActivePolicy;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Gauges read when Prometheus scrapes, costing nothing in between: the active policy version
 * ({@code brokerpolicy_policy_active_version}), the audit log's size ({@code brokerpolicy_audit_tree_size}) and
 * the age of its newest signed checkpoint ({@code brokerpolicy_audit_checkpoint_age_seconds}), which an alert
 * can compare with {@code brokerpolicy.audit.checkpoint-interval}. A gauge with nothing to tell (no version
 * active yet, no checkpoint yet) reads NaN.
 */
@ApplicationScoped
public class OperationsGauges {

    @Inject
    MeterRegistry registry;
    @Inject
    ActivePolicy active;
    @Inject
    AuditLogWriter auditLog;
    @Inject
    Clock clock;

    void register(@Observes StartupEvent start) {
        Gauge.builder("brokerpolicy.policy.active.version", active, OperationsGauges::activeVersion)
                .description("The policy version that serves evaluations").register(registry);
        Gauge.builder("brokerpolicy.audit.tree.size", auditLog, AuditLogWriter::treeSize)
                .description("Records in the audit log's Merkle tree").register(registry);
        Gauge.builder("brokerpolicy.audit.checkpoint.age", this, OperationsGauges::checkpointAgeSeconds)
                .baseUnit("seconds").description("Time since the newest signed checkpoint of the audit log")
                .register(registry);
    }

    private static double activeVersion(ActivePolicy active) {
        return active.isLoaded() ? active.get().policy().version() : Double.NaN;
    }

    private double checkpointAgeSeconds() {
        Optional<CheckpointEntry> last = auditLog.lastCheckpoint();
        if (last.isEmpty()) {
            return Double.NaN;
        }
        return Duration.between(last.get().timestamp(), clock.instant()).toMillis() / 1000.0;
    }
}
