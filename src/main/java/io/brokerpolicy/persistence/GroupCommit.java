package io.brokerpolicy.persistence;

import io.brokerpolicy.audit.StoredVerdict;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Stores single verdicts by group commit. One transaction per request would cost one fsync per verdict;
 * instead one writer thread takes whatever requests are waiting (up to {@value #MAX_GROUP}) and stores them
 * in one transaction; each request is answered only after that transaction has committed. Under light load
 * a group is a single verdict and nothing waits; under heavy load the groups grow with the queue. Groups
 * share no lock with batches stored meanwhile ({@link VerdictStore}).
 */
@ApplicationScoped
public class GroupCommit {

    private static final Logger LOG = Logger.getLogger(GroupCommit.class);
    static final int MAX_GROUP = 500;
    private static final long ANSWER_TIMEOUT_SECONDS = 30;

    @Inject
    VerdictStore store;

    private record Pending(VerdictStore.Prepared prepared, CompletableFuture<StoredVerdict> answer) {
    }

    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>(10_000);
    private volatile Thread writer;
    private volatile boolean stopping;

    /** Appends one verdict in the next group and waits until it is committed. */
    public StoredVerdict store(VerdictStore.Evaluated evaluated) {
        if (stopping) {
            throw new IllegalStateException("the service is shutting down");
        }
        startWriter();
        Pending pending = new Pending(store.prepare(evaluated), new CompletableFuture<>());
        try {
            if (!queue.offer(pending, ANSWER_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the verdict store is overloaded: no room to queue the verdict");
            }
            return pending.answer().get(ANSWER_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the verdict was being stored", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            // The group may still commit later: the verdict is then stored, and a retry is answered with it.
            throw new IllegalStateException("the verdict was not stored within " + ANSWER_TIMEOUT_SECONDS + " s", e);
        }
    }

    private void startWriter() {
        if (writer == null) {
            synchronized (this) {
                if (writer == null) {
                    Thread thread = new Thread(this::writeGroups, "verdict-group-commit");
                    thread.setDaemon(true);
                    thread.start();
                    writer = thread;
                }
            }
        }
    }

    private void writeGroups() {
        List<Pending> group = new ArrayList<>(MAX_GROUP);
        while (!stopping || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                group.add(first);
                queue.drainTo(group, MAX_GROUP - 1);
                write(group);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                group.clear();
            }
        }
    }

    private void write(List<Pending> group) {
        List<VerdictStore.Prepared> prepared = new ArrayList<>(group.size());
        group.forEach(p -> prepared.add(p.prepared()));
        try {
            List<VerdictStore.Appended> appended = store.appendEach(prepared);
            for (int i = 0; i < group.size(); i++) {
                VerdictStore.Appended a = appended.get(i);
                if (a.refusal() != null) {
                    group.get(i).answer().completeExceptionally(a.refusal());
                } else {
                    group.get(i).answer().complete(a.verdict());
                }
            }
        } catch (RuntimeException e) {
            LOG.debugf(e, "a group of %d verdicts was not stored", group.size());
            group.forEach(p -> p.answer().completeExceptionally(e));
        } catch (Error e) {
            // The one writer thread must outlive anything a dying connection throws (a driver's assertion,
            // say): otherwise every later single request waits out its timeout. The transaction was rolled
            // back, so this group is answered as failed and nothing of it is stored.
            LOG.errorf(e, "a group of %d verdicts was not stored", group.size());
            group.forEach(p -> p.answer().completeExceptionally(e));
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
        Thread thread = writer;
        if (thread != null) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(ANSWER_TIMEOUT_SECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
