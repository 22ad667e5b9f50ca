package io.brokerpolicy.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.brokerpolicy.domain.AccountSnapshot;
import io.brokerpolicy.domain.AccountStatus;
import io.brokerpolicy.domain.PriceShocks;
import io.brokerpolicy.domain.Verdict;
import io.brokerpolicy.domain.policy.PolicyNotFoundException;
import io.brokerpolicy.engine.CompiledPolicy;
import io.brokerpolicy.engine.EvaluationException;
import io.brokerpolicy.intake.InvalidRequestException;
import io.brokerpolicy.intake.Json;
import io.brokerpolicy.intake.SnapshotParser;
import io.brokerpolicy.persistence.SnapshotHistory.StoredSnapshot;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;

/**
 * What a price shock would do to the whole book under one policy version: the latest stored snapshot of every account
 * is evaluated as it was (the baseline) and with its mark prices moved by the shocks, both under the same version, so
 * the difference is the shock's alone. Nothing is stored.
 *
 * <p>Per account it compares the two verdicts: the status transition; whether the account is newly on margin call
 * (HEALTHY before), newly stopped out (margin-level model, STOP_OUT only after) or newly liquidated (exchange model:
 * liquidation steps only after, which an isolated position can have without the account's status changing); its loss
 * (equity before - equity after); and what the broker would carry, the negative-balance adjustment and the
 * insurance-fund shortfall, totalled per currency (amounts are in each account's currency and are never converted).
 * An account the shock does not touch is evaluated once. Batches of snapshots are evaluated on every core while the
 * next ones are read, and the totals are merged so that the report does not depend on which thread finished first.
 */
public final class StressTest {

    public static final int WORST_ACCOUNTS = 20;
    static final int BATCH = 1_000;
    static final int FAILURES_LISTED = 100;

    /** Where the snapshots come from: hands them over in batches, returns how many it read. */
    @FunctionalInterface
    public interface Source {
        int read(int batchSize, Consumer<List<StoredSnapshot>> batches);
    }

    public record AccountLoss(String accountId, String snapshotId, String brokerId, String currency,
                              AccountStatus statusBefore, AccountStatus statusAfter, BigDecimal equityBefore,
                              BigDecimal equityAfter, BigDecimal loss, BigDecimal negativeBalanceAdjustment,
                              BigDecimal insuranceFundShortfall, boolean liquidated) {
    }

    /**
     * What the broker would carry in one currency: after the shock, and (baseline) before it.
     *
     * @param equityChange sum of equity after - equity before, negative when the book loses
     */
    public record BrokerLosses(String currency, int accounts, BigDecimal equityChange, BigDecimal negativeBalanceAdjustment,
                               BigDecimal insuranceFundShortfall, BigDecimal baselineNegativeBalanceAdjustment,
                               BigDecimal baselineInsuranceFundShortfall) {
    }

    public record Failure(String snapshotId, String accountId, String message) {
    }

    /**
     * @param accounts         accounts read (the latest snapshot of each)
     * @param evaluated        accounts evaluated before and after the shock
     * @param shockedAccounts  accounts with at least one position the shocks move
     * @param transitions      "BEFORE -> AFTER" status counts, every evaluated account counted once
     * @param failures         up to {@value #FAILURES_LISTED} of them, by account id; {@code failureCount} counts all
     */
    public record Report(long version, String hash, Map<String, BigDecimal> shocks, int accounts, int evaluated,
                         int shockedAccounts, Map<String, Integer> transitions, List<String> newlyMarginCalled,
                         List<String> newlyStoppedOut, List<String> newlyLiquidated, List<BrokerLosses> brokerLosses,
                         List<AccountLoss> worstAccounts, int failureCount, List<Failure> failures, long elapsedMillis) {
    }

    private static final Comparator<AccountLoss> WORST_FIRST = Comparator.comparing(AccountLoss::loss).reversed()
            .thenComparing(AccountLoss::accountId).thenComparing(AccountLoss::snapshotId);
    private static final Comparator<Failure> FAILURE_ORDER = Comparator.comparing(Failure::accountId)
            .thenComparing(Failure::snapshotId);

    private final SnapshotParser parser;
    private final int threads;

    public StressTest(Clock clock, int threads) {
        // stored snapshots were valid when stored; the position limit is not a reason to skip them now
        this.parser = new SnapshotParser(clock, Integer.MAX_VALUE);
        this.threads = Math.max(1, threads);
    }

    public Report run(CompiledPolicy policy, PriceShocks shocks, Source source) {
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "stress-test");
            thread.setDaemon(true);
            return thread;
        });
        // At most two batches per thread wait in memory: the database read waits for the evaluation, not the reverse.
        Semaphore inFlight = new Semaphore(2 * threads);
        List<Future<Tally>> results = new ArrayList<>();
        int accounts;
        try {
            accounts = source.read(BATCH, batch -> {
                inFlight.acquireUninterruptibly();
                results.add(pool.submit(() -> {
                    try {
                        return evaluate(policy, shocks, batch);
                    } finally {
                        inFlight.release();
                    }
                }));
            });
            Tally total = new Tally();
            for (Future<Tally> result : results) {
                total.merge(result.get());
            }
            return total.report(policy, shocks, accounts, (System.nanoTime() - start) / 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the stress test was interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private Tally evaluate(CompiledPolicy policy, PriceShocks shocks, List<StoredSnapshot> batch) {
        Tally tally = new Tally();
        List<AccountSnapshot> before = new ArrayList<>(batch.size());
        List<StoredSnapshot> stored = new ArrayList<>(batch.size());
        for (StoredSnapshot s : batch) {
            try {
                before.add(parser.parse(Json.MAPPER.readTree(s.json()), ""));
                stored.add(s);
            } catch (JsonProcessingException | InvalidRequestException e) {
                tally.fail(s, "stored snapshot unreadable: " + e.getMessage());
            }
        }
        List<AccountSnapshot> shocked = new ArrayList<>(before.size());
        List<AccountSnapshot> moved = new ArrayList<>();
        List<StoredSnapshot> movedStored = new ArrayList<>();
        for (int i = 0; i < before.size(); i++) {
            AccountSnapshot after = shocks.apply(before.get(i));
            shocked.add(after);
            if (after != before.get(i)) {
                moved.add(after);
                movedStored.add(stored.get(i));
            }
        }
        List<Verdict> baseline = evaluateAll(policy, before, stored, "", tally);
        List<Verdict> movedVerdicts = evaluateAll(policy, moved, movedStored, "with the shocked prices: ", tally);
        int m = 0;
        for (int i = 0; i < before.size(); i++) {
            boolean wasMoved = shocked.get(i) != before.get(i);
            Verdict after = wasMoved ? movedVerdicts.get(m++) : baseline.get(i);
            if (baseline.get(i) == null || after == null) {
                continue;
            }
            tally.count(stored.get(i), before.get(i), baseline.get(i), after, wasMoved);
        }
        return tally;
    }

    /**
     * The verdicts in order, a session per batch; when the batch fails as a whole (an account the version has no
     * policy for, a rule past its bound), each snapshot alone, so that one failure costs one account (null in its
     * place), not a thousand.
     */
    private static List<Verdict> evaluateAll(CompiledPolicy policy, List<AccountSnapshot> snapshots,
                                             List<StoredSnapshot> stored, String when, Tally tally) {
        try {
            return policy.evaluateAll(snapshots);
        } catch (EvaluationException | PolicyNotFoundException batchFailed) {
            List<Verdict> verdicts = new ArrayList<>(snapshots.size());
            for (int i = 0; i < snapshots.size(); i++) {
                AccountSnapshot snapshot = snapshots.get(i);
                try {
                    verdicts.add(policy.evaluate(snapshot));
                } catch (PolicyNotFoundException e) {
                    verdicts.add(null);
                    tally.fail(stored.get(i), "version " + policy.version() + " has no policy for it: " + e.getMessage());
                } catch (EvaluationException e) {
                    verdicts.add(null);
                    tally.fail(stored.get(i), when + e.getMessage());
                }
            }
            return verdicts;
        }
    }

    /** The counts of some accounts; merged into the whole book's. */
    private static final class Tally {
        int evaluated;
        int shockedAccounts;
        final Map<String, Integer> transitions = new TreeMap<>();
        final List<String> marginCalled = new ArrayList<>();
        final List<String> stoppedOut = new ArrayList<>();
        final List<String> liquidated = new ArrayList<>();
        final Map<String, Money> byCurrency = new TreeMap<>();
        final PriorityQueue<AccountLoss> worst = new PriorityQueue<>(WORST_FIRST.reversed());
        final PriorityQueue<Failure> failures = new PriorityQueue<>(FAILURE_ORDER.reversed());
        final Set<StoredSnapshot> failed = Collections.newSetFromMap(new IdentityHashMap<>());
        int failureCount;

        /** Counts an account once, however many of its evaluations failed. */
        void fail(StoredSnapshot s, String message) {
            if (!failed.add(s)) {
                return;
            }
            failureCount++;
            keep(failures, new Failure(s.snapshotId(), s.accountId(), message), FAILURES_LISTED);
        }

        void count(StoredSnapshot stored, AccountSnapshot snapshot, Verdict before, Verdict after, boolean moved) {
            evaluated++;
            if (moved) {
                shockedAccounts++;
            }
            transitions.merge(before.status() + " -> " + after.status(), 1, Integer::sum);
            boolean exchange = after.maintenanceMargin() != null;
            if (before.status() == AccountStatus.HEALTHY && after.status() == AccountStatus.MARGIN_CALL) {
                marginCalled.add(snapshot.accountId());
            }
            if (!exchange && before.status() != AccountStatus.STOP_OUT && after.status() == AccountStatus.STOP_OUT) {
                stoppedOut.add(snapshot.accountId());
            }
            boolean liquidatedAfter = exchange && !after.closeOuts().isEmpty();
            if (liquidatedAfter && before.closeOuts().isEmpty()) {
                liquidated.add(snapshot.accountId());
            }
            BigDecimal shortfallAfter = shortfall(after);
            BigDecimal shortfallBefore = shortfall(before);
            byCurrency.computeIfAbsent(snapshot.currency(), c -> new Money()).add(before, after, shortfallBefore, shortfallAfter);
            BigDecimal loss = before.equity().subtract(after.equity());
            if (loss.signum() > 0) {
                keep(worst, new AccountLoss(snapshot.accountId(), stored.snapshotId(), snapshot.brokerId(),
                        snapshot.currency(), before.status(), after.status(), before.equity(), after.equity(), loss,
                        after.negativeBalanceAdjustment(), shortfallAfter, liquidatedAfter), WORST_ACCOUNTS);
            }
        }

        void merge(Tally other) {
            evaluated += other.evaluated;
            shockedAccounts += other.shockedAccounts;
            other.transitions.forEach((k, v) -> transitions.merge(k, v, Integer::sum));
            marginCalled.addAll(other.marginCalled);
            stoppedOut.addAll(other.stoppedOut);
            liquidated.addAll(other.liquidated);
            other.byCurrency.forEach((c, m) -> byCurrency.computeIfAbsent(c, x -> new Money()).merge(m));
            other.worst.forEach(a -> keep(worst, a, WORST_ACCOUNTS));
            other.failures.forEach(f -> keep(failures, f, FAILURES_LISTED));
            failureCount += other.failureCount;
        }

        Report report(CompiledPolicy policy, PriceShocks shocks, int accounts, long elapsedMillis) {
            List<BrokerLosses> losses = new ArrayList<>();
            byCurrency.forEach((currency, m) -> losses.add(new BrokerLosses(currency, m.accounts, m.equityChange,
                    m.negativeBalance, m.shortfall, m.baselineNegativeBalance, m.baselineShortfall)));
            return new Report(policy.version(), policy.hash(), shocks.asWritten(), accounts, evaluated, shockedAccounts,
                    transitions, sorted(marginCalled), sorted(stoppedOut), sorted(liquidated), losses,
                    worst.stream().sorted(WORST_FIRST).toList(), failureCount,
                    failures.stream().sorted(FAILURE_ORDER).toList(), elapsedMillis);
        }

        private static List<String> sorted(List<String> ids) {
            return ids.stream().sorted().toList();
        }

        /** Keeps the {@code limit} first in the queue's reversed order: the queue's head is the one to drop. */
        private static <T> void keep(PriorityQueue<T> queue, T item, int limit) {
            queue.add(item);
            if (queue.size() > limit) {
                queue.poll();
            }
        }

        private static BigDecimal shortfall(Verdict v) {
            return v.maintenanceMargin() == null ? BigDecimal.ZERO : v.maintenanceMargin().insuranceFundShortfall();
        }
    }

    /** Sums in one currency. */
    private static final class Money {
        int accounts;
        BigDecimal equityChange = BigDecimal.ZERO;
        BigDecimal negativeBalance = BigDecimal.ZERO;
        BigDecimal shortfall = BigDecimal.ZERO;
        BigDecimal baselineNegativeBalance = BigDecimal.ZERO;
        BigDecimal baselineShortfall = BigDecimal.ZERO;

        void add(Verdict before, Verdict after, BigDecimal shortfallBefore, BigDecimal shortfallAfter) {
            accounts++;
            equityChange = equityChange.add(after.equity().subtract(before.equity()));
            negativeBalance = negativeBalance.add(after.negativeBalanceAdjustment());
            shortfall = shortfall.add(shortfallAfter);
            baselineNegativeBalance = baselineNegativeBalance.add(before.negativeBalanceAdjustment());
            baselineShortfall = baselineShortfall.add(shortfallBefore);
        }

        void merge(Money other) {
            accounts += other.accounts;
            equityChange = equityChange.add(other.equityChange);
            negativeBalance = negativeBalance.add(other.negativeBalance);
            shortfall = shortfall.add(other.shortfall);
            baselineNegativeBalance = baselineNegativeBalance.add(other.baselineNegativeBalance);
            baselineShortfall = baselineShortfall.add(other.baselineShortfall);
        }
    }
}
