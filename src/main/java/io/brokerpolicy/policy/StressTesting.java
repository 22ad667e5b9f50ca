package io.brokerpolicy.policy;

import io.brokerpolicy.domain.PriceShocks;
import io.brokerpolicy.engine.CompiledPolicy;
import io.brokerpolicy.persistence.SnapshotHistory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.concurrent.Semaphore;

/**
 * Runs stress tests over the stored book, one at a time on this instance: a stress test of a large book keeps every
 * core busy for seconds, and a second one at once would only make both slower while evaluations wait.
 */
@ApplicationScoped
public class StressTesting {

    /** Another stress test is running on this instance. */
    public static final class AlreadyRunning extends RuntimeException {
        AlreadyRunning() {
            super("a stress test is already running on this instance; try again when it has finished");
        }
    }

    private final Semaphore running = new Semaphore(1);

    @Inject
    SnapshotHistory history;
    @Inject
    Clock clock;

    /** The shocks applied to the latest stored snapshot of every account under {@code policy}; nothing is stored. */
    public StressTest.Report run(CompiledPolicy policy, PriceShocks shocks) {
        if (!running.tryAcquire()) {
            throw new AlreadyRunning();
        }
        try {
            return new StressTest(clock, Runtime.getRuntime().availableProcessors())
                    .run(policy, shocks, history::latestPerAccount);
        } finally {
            running.release();
        }
    }
}
