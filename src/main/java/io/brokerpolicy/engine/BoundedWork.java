package io.brokerpolicy.engine;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs work on text a person wrote (parsing and compiling rule files) on a thread of its own, with a stack of a
 * known size and a deadline. A file that exhausts the stack or the heap fails that thread's task, which the
 * caller turns into a refusal; the caller's thread (the folder watcher, a request, startup) never sees the
 * {@link Error}. The work is bounded by construction (size and nesting limits come first); the deadline is the
 * second wall: past it the caller answers, and the worker, which cannot be stopped safely, finishes alone while
 * holding one of a few permits, so abandoned workers cannot pile up.
 */
final class BoundedWork {

    static final long STACK_BYTES = 8L * 1024 * 1024;
    private static final Semaphore WORKERS = new Semaphore(2);

    private BoundedWork() {
    }

    /** What became of the work: its value, or why there is none. */
    record Outcome<T>(T value, Throwable failure, boolean timedOut) {
    }

    static <T> Outcome<T> run(String name, long deadlineMillis, Callable<T> work) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(deadlineMillis);
        try {
            if (!WORKERS.tryAcquire(deadlineMillis, TimeUnit.MILLISECONDS)) {
                return new Outcome<>(null, null, true);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome<>(null, e, false);
        }
        FutureTask<T> task = new FutureTask<>(work);
        Thread thread = new Thread(null, () -> {
            try {
                task.run();
            } finally {
                WORKERS.release();
            }
        }, name, STACK_BYTES);
        thread.setDaemon(true);
        try {
            thread.start();
        } catch (Throwable cannotStart) {
            WORKERS.release();
            return new Outcome<>(null, cannotStart, false);
        }
        try {
            long left = Math.max(deadline - System.nanoTime(), 1);
            return new Outcome<>(task.get(left, TimeUnit.NANOSECONDS), null, false);
        } catch (TimeoutException e) {
            thread.interrupt();
            return new Outcome<>(null, null, true);
        } catch (ExecutionException e) {
            return new Outcome<>(null, e.getCause() == null ? e : e.getCause(), false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome<>(null, e, false);
        }
    }
}
