package io.brokerpolicy.engine;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.kie.api.runtime.KieSession;

/**
 * The second wall behind the firing bound: one daemon thread that looks at the running evaluations every few
 * milliseconds and halts the session of any past its deadline. {@link RuleTrace} also checks the deadline at
 * every firing; this catches an evaluation that stays long between two firings. Registering an evaluation is a
 * map insert, so the common case pays almost nothing.
 */
final class EvaluationWatchdog {

    private static final long TICK_MILLIS = 20;
    private static final Map<Running, Boolean> RUNNING = new ConcurrentHashMap<>();

    static {
        Thread thread = new Thread(EvaluationWatchdog::watch, "evaluation-watchdog");
        thread.setDaemon(true);
        thread.start();
    }

    private EvaluationWatchdog() {
    }

    /** One evaluation being watched; {@link #close()} when it is over. */
    static final class Running implements AutoCloseable {
        private final KieSession session;
        private final long deadlineNanos;
        private volatile boolean halted;
        private boolean closed;

        private Running(KieSession session, long deadlineNanos) {
            this.session = session;
            this.deadlineNanos = deadlineNanos;
        }

        boolean halted() {
            return halted;
        }

        /** Halts the session when the deadline has passed; never after {@link #close()}, when the session may serve another. */
        private synchronized void haltIfLate(long now) {
            if (!closed && !halted && now - deadlineNanos > 0) {
                halted = true;
                session.halt();
            }
        }

        @Override
        public synchronized void close() {
            closed = true;
            RUNNING.remove(this);
        }
    }

    static Running watch(KieSession session, long deadlineNanos) {
        Running running = new Running(session, deadlineNanos);
        RUNNING.put(running, Boolean.TRUE);
        return running;
    }

    private static void watch() {
        while (true) {
            try {
                TimeUnit.MILLISECONDS.sleep(TICK_MILLIS);
                long now = System.nanoTime();
                for (Running running : RUNNING.keySet()) {
                    running.haltIfLate(now);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // a session disposed between the look and the halt: nothing to stop any more
            }
        }
    }
}
