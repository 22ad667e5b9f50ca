package io.brokerpolicy.policy;

import io.brokerpolicy.app.BrokerPolicyConfig;
import io.brokerpolicy.domain.policy.BundleError;
import io.brokerpolicy.engine.BundleReader;
import io.brokerpolicy.engine.CompiledPolicy;
import io.brokerpolicy.engine.PolicyBundle;
import io.brokerpolicy.engine.PolicyCompiler;
import io.brokerpolicy.persistence.PolicyVersionEntity;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Loads the policy from the rules and policies folders, stores it as a version and makes it active;
 * keeps compiled versions at hand for replay. A bundle that does not compile never replaces the active
 * version: its errors are kept for {@code /policy/status} and logged.
 */
@ApplicationScoped
public class PolicyLifecycle {

    private static final Logger LOG = Logger.getLogger(PolicyLifecycle.class);
    private static final int COMPILED_VERSIONS_KEPT = 16;

    @Inject
    BrokerPolicyConfig config;
    @Inject
    PolicyVersionStore store;
    @Inject
    ActivePolicy active;
    @Inject
    Clock clock;

    private PolicyCompiler compiler;
    private volatile Rejection lastRejected;
    private boolean warmedUpEarly;
    private final Map<Long, CompiledPolicy> compiled = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, CompiledPolicy> eldest) {
            return size() > COMPILED_VERSIONS_KEPT;
        }
    };

    /** The last bundle that was refused, with its errors. */
    public record Rejection(Instant at, String source, String hash, List<BundleError> errors) {
    }

    /** What a load did: activated a version, found the folders unchanged, or rejected them. */
    public record LoadOutcome(Long version, boolean activated, List<BundleError> errors) {
    }

    void onStart(@Observes StartupEvent event) {
        compiler = new PolicyCompiler(config.engine().maxRuleFirings());
        LoadOutcome outcome = loadFromFolders("system", "STARTUP");
        if (!active.isLoaded()) {
            throw new IllegalStateException("no valid policy to serve: the folders have errors " + outcome.errors()
                    + " and no version was active before");
        }
        if (!warmedUpEarly) {
            Warmup.run(active.get().policy());
        }
    }

    public Optional<Rejection> lastRejected() {
        return Optional.ofNullable(lastRejected);
    }

    /** Reads the folders and, when they hold a valid bundle that differs from the active one, activates it. */
    public synchronized LoadOutcome loadFromFolders(String actor, String source) {
        PolicyBundle bundle = BundleReader.read(config.rulesDir(), config.policiesDir());
        if (active.isLoaded() && active.get().policy().hash().equals(bundle.hash())) {
            return new LoadOutcome(active.get().policy().version(), false, List.of());
        }
        Optional<PolicyCompiler.Result> early = EarlyCompile.take(bundle, config.engine().maxRuleFirings());
        warmedUpEarly |= early.filter(PolicyCompiler.Result::valid).isPresent();
        PolicyCompiler.Result result = early.orElseGet(() -> compiler().compile(bundle, 0));
        if (!result.valid()) {
            reject(bundle, source, result.errors());
            if (!active.isLoaded()) {
                restoreLastActive();
            }
            return new LoadOutcome(null, false, result.errors());
        }
        long version = store.findUsable(bundle.hash())
                .map(v -> v.version)
                .orElseGet(() -> store.create(bundle, PolicyVersionStore.State.DRAFT, source, actor, null).version);
        activateCompiled(result.policy().withVersion(version), actor, "loaded from folders (" + source + ")");
        return new LoadOutcome(version, true, List.of());
    }

    /** Activates a stored version (compiling it if needed) and swaps it in after the change is committed. */
    public synchronized CompiledPolicy activate(long version, String actor, String reason) {
        CompiledPolicy policy = compiledVersion(version);
        activateCompiled(policy, actor, reason);
        return policy;
    }

    private void activateCompiled(CompiledPolicy policy, String actor, String reason) {
        PolicyVersionEntity stored = store.activate(policy.version(), actor, reason);
        remember(policy);
        active.swap(policy, stored.activatedAt);
        LOG.infof("policy version %d (%s) is active: %s", policy.version(), policy.hash(), reason);
    }

    /** The compiled rule base of any stored version, compiled on first use and then kept. */
    public CompiledPolicy compiledVersion(long version) {
        synchronized (compiled) {
            CompiledPolicy known = compiled.get(version);
            if (known != null) {
                return known;
            }
        }
        PolicyBundle bundle = store.bundleOf(version);
        if (bundle.files().isEmpty()) {
            throw new IllegalArgumentException("policy version " + version + " does not exist");
        }
        PolicyCompiler.Result result = compiler().compile(bundle, version);
        if (!result.valid()) {
            throw new IllegalStateException("stored policy version " + version + " no longer compiles: " + result.errors());
        }
        remember(result.policy());
        return result.policy();
    }

    private void remember(CompiledPolicy policy) {
        synchronized (compiled) {
            compiled.put(policy.version(), policy);
        }
    }

    private void reject(PolicyBundle bundle, String source, List<BundleError> errors) {
        lastRejected = new Rejection(clock.instant(), source, bundle.hash(), errors);
        LOG.warnf("policy bundle %s from %s rejected; the active version keeps serving. Errors:%n%s", bundle.hash(),
                source, String.join("\n", errors.stream().map(e -> "  " + e.file() + ":" + e.line() + ": " + e.message())
                        .toList()));
    }

    private void restoreLastActive() {
        store.active().ifPresent(v -> {
            LOG.warnf("serving the last active version %d from the database", v.version);
            CompiledPolicy policy = compiledVersion(v.version);
            active.swap(policy, v.activatedAt);
        });
    }

    private PolicyCompiler compiler() {
        if (compiler == null) {
            compiler = new PolicyCompiler(config.engine().maxRuleFirings());
        }
        return compiler;
    }
}
