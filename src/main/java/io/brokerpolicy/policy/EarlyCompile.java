package io.brokerpolicy.policy;

import io.brokerpolicy.bundle.BundleReader;
import io.brokerpolicy.bundle.PolicyBundle;
import io.brokerpolicy.engine.PolicyCompiler;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.jboss.logging.Logger;

/**
 * Compiles and warms up the policy in the folders while the database starts and Quarkus boots: the first
 * Drools compile in a JVM and the warm-up take about as long as the rest of the startup together, and
 * neither needs the database. {@link PolicyLifecycle} takes the result only when the folders still hold
 * the same bundle and the firing bound is the configured one; otherwise it compiles as if this never ran.
 */
public final class EarlyCompile {

    private static final Logger LOG = Logger.getLogger(EarlyCompile.class);
    private static volatile CompletableFuture<Compiled> pending;

    private EarlyCompile() {
    }

    /** What the early compile made, and whether the warm-up ran on it. */
    record Compiled(PolicyBundle bundle, int maxRuleFirings, long maxEvaluationMillis, PolicyCompiler.Result result) {
    }

    /** Starts compiling in the background; called by the service's main before anything else. */
    public static void start(Path rulesDir, Path policiesDir, int maxRuleFirings, long maxEvaluationMillis) {
        CompletableFuture<Compiled> future = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                long start = System.nanoTime();
                PolicyBundle bundle = BundleReader.read(rulesDir, policiesDir);
                PolicyCompiler.Result result = new PolicyCompiler(maxRuleFirings, maxEvaluationMillis).compile(bundle, 0);
                if (result.valid()) {
                    Warmup.run(result.policy());
                }
                LOG.debugf("early compile and warm-up took %d ms", (System.nanoTime() - start) / 1_000_000);
                future.complete(new Compiled(bundle, maxRuleFirings, maxEvaluationMillis, result));
            } catch (RuntimeException | Error e) {
                future.completeExceptionally(e);
            }
        }, "early-policy-compile");
        thread.setDaemon(true);
        pending = future;
        thread.start();
    }

    /** The early result for exactly this bundle and these bounds, once; empty when none was started or it differs. */
    static Optional<PolicyCompiler.Result> take(PolicyBundle bundle, int maxRuleFirings, long maxEvaluationMillis) {
        CompletableFuture<Compiled> future = pending;
        pending = null;
        if (future == null) {
            return Optional.empty();
        }
        try {
            Compiled compiled = future.join();
            if (compiled.bundle().hash().equals(bundle.hash()) && compiled.maxRuleFirings() == maxRuleFirings
                    && compiled.maxEvaluationMillis() == maxEvaluationMillis) {
                return Optional.of(compiled.result());
            }
        } catch (RuntimeException e) {
            LOG.debugf(e, "the early compile failed; compiling again");
        }
        return Optional.empty();
    }
}
