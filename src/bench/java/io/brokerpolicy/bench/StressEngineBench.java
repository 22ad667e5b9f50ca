package io.brokerpolicy.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.brokerpolicy.bundle.BundleReader;
import io.brokerpolicy.engine.CompiledPolicy;
import io.brokerpolicy.engine.PolicyCompiler;
import io.brokerpolicy.intake.Json;
import io.brokerpolicy.intake.ShocksParser;
import io.brokerpolicy.persistence.SnapshotHistory.StoredSnapshot;
import io.brokerpolicy.policy.StressTest;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The stress test without the service, the database or HTTP: the book of {@link StressBench} held in memory and
 * stressed by {@link StressTest} on every core, {@code rounds} times (the first rounds warm the JIT up). Separates the
 * engine's share of the end-to-end figure.
 *
 * <pre>args: ACCOUNTS ROUNDS</pre>
 */
public final class StressEngineBench {

    private StressEngineBench() {
    }

    public static void main(String[] args) throws Exception {
        BenchLogging.asInTheService();
        int accounts = Integer.parseInt(args[0]);
        int rounds = Integer.parseInt(args[1]);
        CompiledPolicy policy = new PolicyCompiler().compile(BundleReader.read(Path.of("rules"), Path.of("policies")), 1)
                .policy();
        Random random = new Random(16);
        List<StoredSnapshot> book = new ArrayList<>(accounts);
        for (int i = 0; i < accounts; i++) {
            ObjectNode s = i % 5 < 3 ? StressBench.forex("engine", i, random) : StressBench.crypto("engine", i, random);
            book.add(new StoredSnapshot(s.get("snapshotId").asText(), s.get("accountId").asText(), s.toString()));
        }
        var shocks = ShocksParser.parse(Json.MAPPER.readTree(StressBench.SHOCKS));
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        int threads = Runtime.getRuntime().availableProcessors();
        for (int round = 1; round <= rounds; round++) {
            long cpu = os.getProcessCpuTime();
            long start = System.nanoTime();
            StressTest.Report report = new StressTest(Clock.systemUTC(), threads).run(policy, shocks, (size, batches) -> {
                for (int i = 0; i < book.size(); i += size) {
                    batches.accept(book.subList(i, Math.min(book.size(), i + size)));
                }
                return book.size();
            });
            double wall = (System.nanoTime() - start) / 1e9;
            double cpuSeconds = (os.getProcessCpuTime() - cpu) / 1e9;
            System.out.printf("round %d: %,d accounts in %.2f s wall on %d threads, %.1f s CPU (%.0f µs per account);"
                            + " load average %s%n", round, report.evaluated(), wall, threads, cpuSeconds,
                    cpuSeconds * 1e6 / report.evaluated(), Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        }
    }
}
