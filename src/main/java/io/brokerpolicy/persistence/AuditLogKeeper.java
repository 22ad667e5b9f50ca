package io.brokerpolicy.persistence;

import io.brokerpolicy.audit.log.CheckpointEntry;
import io.brokerpolicy.audit.log.WitnessClient;
import io.brokerpolicy.config.AuditLogConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Keeps the audit log moving in the background: takes queued records into the tree every few hundred
 * milliseconds, signs a checkpoint every {@code brokerpolicy.audit.checkpoint-interval} while the tree grows,
 * hands each new checkpoint to the witness when one is configured, and signs a last one at shutdown.
 */
@ApplicationScoped
public class AuditLogKeeper {

    private static final Logger LOG = Logger.getLogger(AuditLogKeeper.class);

    @Inject
    AuditLogWriter writer;
    @Inject
    LegacyChainSeal legacySeal;
    @Inject
    AuditLogConfig config;

    private volatile boolean stopping;
    private Thread thread;
    private ExecutorService witnessSender;
    private WitnessClient witness;
    private volatile long witnessedSize;

    void onStart(@Observes @Priority(400) StartupEvent event) {
        witness = config.witnessUrl().map(url -> new WitnessClient(url, config.witnessAuthorization().orElse(null),
                Duration.ofSeconds(5))).orElse(null);
        if (witness != null) {
            witnessSender = Executors.newSingleThreadExecutor(r -> daemon(r, "audit-log-witness"));
        }
        thread = daemon(this::run, "audit-log-sequencer");
        thread.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (witnessSender != null) {
            witnessSender.shutdown();
        }
    }

    private void run() {
        try {
            legacySeal.sealOnce();
        } catch (RuntimeException e) {
            LOG.error("audit log: the hash chain of the earlier release could not be sealed: " + e.getMessage(), e);
        }
        long lastCheckpointAt = 0;
        long sequenceMillis = Math.max(10, config.sequenceInterval().toMillis());
        long checkpointMillis = Math.max(100, config.checkpointInterval().toMillis());
        long lastFailureLogged = 0;
        while (!stopping) {
            try {
                int added = writer.integrate();
                long now = System.currentTimeMillis();
                if (now - lastCheckpointAt >= checkpointMillis && writer.treeSize() > checkpointedSize()) {
                    writer.checkpoint().ifPresent(signed -> witness(signed.entry()));
                    lastCheckpointAt = now;
                }
                if (added < config.sequenceBatchSize()) {
                    Thread.sleep(sequenceMillis);
                }
            } catch (InterruptedException e) {
                break;
            } catch (RuntimeException e) {
                // refused or the database is away: the writer logged why; try again a little later
                if (System.currentTimeMillis() - lastFailureLogged > 60_000 && !(e instanceof AuditLogWriter.LogRefusedException)) {
                    LOG.warn("audit log: sequencing failed, retrying: " + e.getMessage());
                    lastFailureLogged = System.currentTimeMillis();
                }
                sleepQuietly(Math.max(sequenceMillis, 1_000));
            }
        }
        try {
            writer.checkpointNow().ifPresent(signed -> witness(signed.entry()));
        } catch (RuntimeException e) {
            LOG.warn("audit log: no checkpoint at shutdown: " + e.getMessage());
        }
    }

    private long checkpointedSize() {
        return writer.lastCheckpoint().map(CheckpointEntry::treeSize).orElse(0L);
    }

    /** Hands a new checkpoint to the witness, off the sequencer's thread; a failure is retried with the next one. */
    public void witness(CheckpointEntry entry) {
        if (witness == null || entry.treeSize() <= witnessedSize) {
            return;
        }
        witnessSender.submit(() -> {
            if (entry.treeSize() <= witnessedSize) {
                return;
            }
            String failure = witness.send(entry);
            if (failure == null) {
                witnessedSize = entry.treeSize();
            } else {
                LOG.warnf("audit log: checkpoint of tree size %d not witnessed by %s: %s", entry.treeSize(), witness.url(),
                        failure);
            }
        });
    }

    private static Thread daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }

    private void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            stopping = true;
        }
    }
}
