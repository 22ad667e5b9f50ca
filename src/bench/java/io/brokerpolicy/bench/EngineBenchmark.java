package io.brokerpolicy.bench;

import io.brokerpolicy.bundle.BundleReader;
import io.brokerpolicy.domain.AccountSnapshot;
import io.brokerpolicy.domain.FiredRule;
import io.brokerpolicy.domain.Verdict;
import io.brokerpolicy.engine.CompiledPolicy;
import io.brokerpolicy.engine.PolicyCompiler;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Snapshots per second through the real rule base of rules/ and policies/ (one at a time, and in batches
 * through {@link CompiledPolicy#evaluateAll}), and through {@link PlainJavaPolicy}, the same policy in plain
 * Java. Every score is snapshots per second: a batch invocation counts as {@value #BATCH} operations.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class EngineBenchmark {

    static final int BATCH = 1000;
    private static final int SNAPSHOTS = 4 * BATCH;

    /** Positions per snapshot; "1-20" mixes 1 to 20 uniformly. */
    @Param({"1", "5", "20", "1-20"})
    public String positions;

    private CompiledPolicy policy;
    private PlainJavaPolicy plain;
    private AccountSnapshot[] snapshots;
    private List<List<AccountSnapshot>> batches;

    /** Where each benchmark thread is in the snapshot set. */
    @State(Scope.Thread)
    public static class Cursor {
        int next;
    }

    @Setup(Level.Trial)
    public void compileAndGenerate() {
        BenchLogging.asInTheService();
        PolicyCompiler.Result result = new PolicyCompiler().compile(BundleReader.read(Path.of("rules"), Path.of("policies")), 1);
        if (!result.valid()) {
            throw new IllegalStateException("the repository's bundle does not compile: " + result.errors());
        }
        policy = result.policy();
        plain = new PlainJavaPolicy(policy.book(), policy.version(), policy.hash());
        int count = positions.equals("1-20") ? 0 : Integer.parseInt(positions);
        List<AccountSnapshot> generated = BenchSnapshots.generate(SNAPSHOTS, count, 42);
        snapshots = generated.toArray(AccountSnapshot[]::new);
        batches = new ArrayList<>();
        for (int i = 0; i < SNAPSHOTS; i += BATCH) {
            batches.add(List.copyOf(generated.subList(i, i + BATCH)));
        }
        checkPlainJavaDecidesAsTheEngine(generated);
    }

    @Benchmark
    public Verdict engineOneAtATime(Cursor cursor) {
        return policy.evaluate(snapshots[cursor.next++ % SNAPSHOTS]);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public List<Verdict> engineBatch(Cursor cursor) {
        return policy.evaluateAll(batches.get(cursor.next++ % batches.size()));
    }

    @Benchmark
    public Verdict plainJava(Cursor cursor) {
        return plain.evaluate(snapshots[cursor.next++ % SNAPSHOTS]);
    }

    /** A reference that decides differently would measure something else: refuse to run. */
    private void checkPlainJavaDecidesAsTheEngine(List<AccountSnapshot> generated) {
        int[] statuses = new int[3];
        List<Verdict> batched = policy.evaluateAll(generated);
        for (int i = 0; i < generated.size(); i++) {
            Verdict engine = comparable(policy.evaluate(generated.get(i)));
            Verdict reference = comparable(plain.evaluate(generated.get(i)));
            if (!engine.equals(reference) || !engine.equals(comparable(batched.get(i)))) {
                throw new IllegalStateException("the paths disagree on " + generated.get(i).snapshotId()
                        + ":\n engine    " + engine + "\n reference " + reference + "\n batch     " + batched.get(i));
            }
            statuses[engine.status().ordinal()]++;
        }
        System.out.printf("%n[setup] positions=%s: %d snapshots, engine, batch and plain Java agree; statuses %s=%d %s=%d %s=%d%n",
                positions, generated.size(), io.brokerpolicy.domain.AccountStatus.values()[0], statuses[0],
                io.brokerpolicy.domain.AccountStatus.values()[1], statuses[1],
                io.brokerpolicy.domain.AccountStatus.values()[2], statuses[2]);
    }

    /** Rules of equal salience may fire in any order: compare which fired, not in what order. */
    private static Verdict comparable(Verdict v) {
        List<FiredRule> fired = new ArrayList<>(v.firedRules());
        fired.sort(Comparator.comparing(FiredRule::rule));
        return new Verdict(v.snapshotId(), v.accountId(), v.status(), v.policy(), v.thresholds(), v.equity(),
                v.usedMargin(), v.freeMargin(), v.marginLevel(), v.closeOuts(), v.afterCloseOut(), v.violations(),
                v.liquidationPrices(), v.negativeBalanceAdjustment(), fired, v.explanation(), v.maintenanceMargin());
    }
}
