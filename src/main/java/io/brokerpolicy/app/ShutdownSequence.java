package io.brokerpolicy.app;

import io.quarkus.runtime.Application;
import java.util.concurrent.TimeUnit;

/**
 * The order in which the service stops on SIGTERM (or any exit the JVM sees): first Quarkus, which refuses
 * new requests, lets those in flight finish within {@code quarkus.shutdown.timeout} and lets the verdict
 * writer commit what it holds; only then the embedded database. The JVM runs its shutdown hooks at once,
 * so the database's hook waits here for Quarkus to have stopped.
 */
public final class ShutdownSequence {

    /** Longer than quarkus.shutdown.timeout plus the verdict writer's last commit; a bound, not a delay. */
    private static final long QUARKUS_STOP_WAIT_SECONDS = 90;
    private static volatile boolean stopping;

    private ShutdownSequence() {
    }

    /** Whether the JVM is on its way out: new requests are refused from then on. */
    public static boolean stopping() {
        return stopping;
    }

    static void markStopping() {
        stopping = true;
    }

    /** Waits (bounded) until the running Quarkus application, if any, has stopped. */
    static void awaitQuarkusStopped() {
        stopping = true;
        Application application = Application.currentApplication();
        if (application == null) {
            return;
        }
        Thread waiter = new Thread(application::awaitShutdown, "await-quarkus-stopped");
        waiter.setDaemon(true);
        waiter.start();
        try {
            waiter.join(TimeUnit.SECONDS.toMillis(QUARKUS_STOP_WAIT_SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
