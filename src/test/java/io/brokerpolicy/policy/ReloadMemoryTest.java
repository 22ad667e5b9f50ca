package io.brokerpolicy.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.brokerpolicy.bundle.BundleReader;
import io.brokerpolicy.bundle.PolicyBundle;
import io.brokerpolicy.domain.AccountSnapshot;
import io.brokerpolicy.engine.CompiledPolicy;
import io.brokerpolicy.engine.PolicyCompiler;
import io.brokerpolicy.intake.SnapshotParser;
import io.brokerpolicy.testsupport.Snapshots;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Many reloads in a row leave memory flat: each round compiles a bundle that differs from the last (so
 * nothing is shared), evaluates with it, and swaps it in as the active version; the old one must become
 * garbage, its rule base and its generated classes with it. Heap after GC and metaspace are printed at
 * checkpoints (the figures in docs/benchmarks.md come from here); the assertion only guards against growth
 * per reload, with a generous margin, never against a duration.
 */
class ReloadMemoryTest {

    /** 60 in the suite; {@code -Dreloads=200} for the figures of docs/benchmarks.md. */
    static final int RELOADS = Integer.getInteger("reloads", 60);

    @Test
    void manyReloadsInARow_leaveHeapAndMetaspaceFlat() {
        PolicyBundle repository = BundleReader.read(Path.of("rules"), Path.of("policies"));
        PolicyCompiler compiler = new PolicyCompiler();
        ActivePolicy active = new ActivePolicy();
        AccountSnapshot snapshot = new SnapshotParser(Clock.systemUTC()).parse(Snapshots.aSnapshot(), "");
        List<long[]> checkpoints = new ArrayList<>();
        long[] half = null;
        List<CompiledPolicy> leak = new ArrayList<>(); // filled only with -Dreloads.leak=true, to size a leak
        for (int round = 1; round <= RELOADS; round++) {
            Map<String, String> files = new TreeMap<>(repository.files());
            files.put("rules/margin.drl", files.get("rules/margin.drl") + "\n// reload " + round + "\n");
            CompiledPolicy policy = compiler.compile(new PolicyBundle(files), round).policy();
            assertThat(policy.evaluate(snapshot).policy().version()).isEqualTo(round);
            active.swap(policy, Instant.EPOCH);
            if (Boolean.getBoolean("reloads.leak")) {
                leak.add(policy);
            }
            if (round == 10 || round == RELOADS / 2 || round % 50 == 0 || round == RELOADS) {
                checkpoints.add(new long[] {round, heapAfterGc(), metaspace()});
            }
            if (round == RELOADS / 2) {
                half = checkpoints.get(checkpoints.size() - 1);
            }
        }
        System.out.println("Reloads: round, heap used after GC (MB), metaspace used (MB)");
        for (long[] c : checkpoints) {
            System.out.printf("Reloads: %4d  %7.1f  %7.1f%n", c[0], c[1] / 1e6, c[2] / 1e6);
        }
        // The second half is compared (the first warms the JIT and Drools' caches). Kept rather than dropped
        // (-Dreloads.leak=true), each version measured ~320 KB of heap and ~150 KB of metaspace: over the
        // second half that is about twice these margins.
        long[] last = checkpoints.get(checkpoints.size() - 1);
        int secondHalf = RELOADS - RELOADS / 2;
        assertThat(last[1] - half[1]).as("heap growth over the second half").isLessThan(secondHalf * 160_000L);
        assertThat(last[2] - half[2]).as("metaspace growth over the second half").isLessThan(secondHalf * 75_000L);
    }

    static long heapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    static long metaspace() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getName().equals("Metaspace"))
                .mapToLong(p -> p.getUsage().getUsed()).sum();
    }
}
