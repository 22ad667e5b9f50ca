package io.brokerpolicy.bench;

import io.brokerpolicy.bundle.BundleReader;
import io.brokerpolicy.domain.AccountSnapshot;
import io.brokerpolicy.engine.CompiledPolicy;
import io.brokerpolicy.engine.PolicyCompiler;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.List;

/**
 * The engine's cost in CPU time of the evaluating thread rather than wall time: on a machine shared with
 * other builds a JMH throughput figure says as much about the neighbours as about the code, while the
 * thread's own CPU time per snapshot stays close to what an idle core would give. Prints snapshots per
 * CPU-second (one core) for each path; arguments: positions per snapshot (0 = 1 to 20 mixed), seconds.
 */
public final class CpuCost {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private CpuCost() {
    }

    public static void main(String[] args) {
        int positions = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 5;
        BenchLogging.asInTheService();
        CompiledPolicy policy = new PolicyCompiler().compile(BundleReader.read(Path.of("rules"), Path.of("policies")), 1).policy();
        PlainJavaPolicy plain = new PlainJavaPolicy(policy.book(), policy.version(), policy.hash());
        List<AccountSnapshot> snapshots = BenchSnapshots.generate(4000, positions, 42);
        List<List<AccountSnapshot>> batches = List.of(snapshots.subList(0, 1000), snapshots.subList(1000, 2000),
                snapshots.subList(2000, 3000), snapshots.subList(3000, 4000));
        Runnable[] paths = {
                () -> snapshots.forEach(plain::evaluate),
                () -> snapshots.forEach(policy::evaluate),
                () -> batches.forEach(policy::evaluateAll),
        };
        String[] names = {"plainJava", "engineOneAtATime", "engineBatch"};
        for (int round = 0; round < 2; round++) {
            double[] rates = new double[paths.length];
            for (int p = 0; p < paths.length; p++) {
                rates[p] = measure(paths[p], snapshots.size(), round == 0 ? seconds / 2 : seconds);
            }
            if (round == 1) {
                System.out.printf("positions=%s  snapshots per CPU-second: plainJava %,.0f  engineOneAtATime %,.0f (%.1fx)"
                                + "  engineBatch %,.0f (%.1fx)%n", positions == 0 ? "1-20" : positions, rates[0], rates[1],
                        rates[0] / rates[1], rates[2], rates[0] / rates[2]);
            }
        }
    }

    private static double measure(Runnable path, int perRun, double seconds) {
        long wallEnd = System.nanoTime() + (long) (seconds * 1e9);
        long cpuStart = THREADS.getCurrentThreadCpuTime();
        long done = 0;
        while (System.nanoTime() < wallEnd) {
            path.run();
            done += perRun;
        }
        return done / ((THREADS.getCurrentThreadCpuTime() - cpuStart) / 1e9);
    }
}
