package io.brokerpolicy.policy;

import io.brokerpolicy.audit.PolicyVersionRecord;
import io.brokerpolicy.bundle.BundleReader;
import io.brokerpolicy.bundle.PolicyBundle;
import io.brokerpolicy.config.BrokerPolicyConfig;
import io.brokerpolicy.domain.policy.BundleError;
import io.brokerpolicy.engine.CompiledPolicy;
import io.brokerpolicy.engine.PolicyCompiler;
import io.brokerpolicy.persistence.PolicyVersionStore;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
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
 * The life of policy versions: validates bundles (compile, rule language, scenarios), stores them as
 * versions, activates them, rolls back, and keeps this instance serving the version the database says is
 * active. A bundle that does not validate never replaces the active version: its errors are kept for
 * {@code /policy/status} and logged.
 *
 * <p>Every change of the served version goes through this object's lock and is taken from a committed
 * database state, so that an instance's own activations and those announced by other replicas cannot
 * overtake each other. The lock is held only to store and swap: validating a bundle and compiling a version
 * (seconds, for a large or hostile bundle) happen before it is taken, so a slow draft never keeps a rollback,
 * an activation or the folder watcher waiting. An activation or rollback that was asked for while another
 * version was active is refused rather than carried out on a state its caller never saw.
 */
@ApplicationScoped
public class PolicyLifecycle {

    private static final Logger LOG = Logger.getLogger(PolicyLifecycle.class);
    private static final int COMPILED_VERSIONS_KEPT = 16;

    /** Where a version came from. */
    public static final String STARTUP = "STARTUP";
    public static final String FILE = "FILE";
    public static final String API = "API";

    @Inject
    BrokerPolicyConfig config;
    @Inject
    PolicyVersionStore store;
    @Inject
    ActivePolicy active;
    @Inject
    PolicyReloadCounter reloads;
    @Inject
    Clock clock;

    private BundleValidator validator;
    private volatile Rejection lastRejected;
    private boolean warmedUpEarly;
    private static final int COMPILER_WARMUP_ROUNDS = 6;
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

    /** A draft stored (or found already stored under the same hash), or the errors that kept it out. */
    public record DraftOutcome(PolicyVersionRecord version, boolean created, int scenariosRun, List<BundleError> errors) {
        public boolean valid() {
            return errors.isEmpty();
        }
    }

    void onStart(@Observes @Priority(100) StartupEvent event) {
        validator();
        LoadOutcome outcome = loadAtStartup();
        if (!active.isLoaded()) {
            throw new IllegalStateException("no valid policy to serve: the folders have errors " + outcome.errors()
                    + " and no version was active before");
        }
        if (!warmedUpEarly) {
            Warmup.run(active.get().policy());
        }
        warmUpTheCompilerInTheBackground(active.get().policy().bundle());
    }

    /**
     * The first compiles in a JVM take several times longer than later ones, and a risk team's first edit
     * after a start should not pay for that. So,
     * once the service is ready, a low-priority thread validates the active bundle a few times and throws
     * the results away; nothing is stored or activated.
     */
    private void warmUpTheCompilerInTheBackground(PolicyBundle bundle) {
        Thread thread = new Thread(() -> {
            try {
                Thread.sleep(2_000); // after the startup, not competing with it for the cores
                for (int round = 0; round < COMPILER_WARMUP_ROUNDS; round++) {
                    validator().validate(bundle, 0);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                LOG.debugf(e, "compiler warm-up stopped");
            }
        }, "policy-compiler-warmup");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
    }

    public Optional<Rejection> lastRejected() {
        return Optional.ofNullable(lastRejected);
    }

    /**
     * At startup the folders are an edit only when they hold something never stored before. When their
     * bundle is already a stored version (the one active, or one rolled back from or replaced through the
     * API, or by another replica), the version the database says is active keeps serving: a restart must
     * not undo a rollback.
     */
    synchronized LoadOutcome loadAtStartup() {
        PolicyBundle bundle = BundleReader.read(config.rulesDir(), config.policiesDir());
        Optional<PolicyVersionRecord> dbActive = store.active();
        Optional<PolicyVersionRecord> stored = store.findAny(bundle.hash());
        if (dbActive.isPresent() && stored.isPresent()) {
            if (dbActive.get().hash().equals(bundle.hash())) {
                // The usual restart: the folders hold the active version, which the main has compiled and
                // warmed up already while the database started; compiling it again would hold up ready.
                EarlyCompile.take(bundle, config.engine().maxRuleFirings(), config.engine().maxEvaluationMillis())
                        .filter(PolicyCompiler.Result::valid)
                        .ifPresent(early -> {
                            remember(early.policy().withVersion(dbActive.get().version()));
                            warmedUpEarly = true;
                        });
            }
            syncToDatabase("startup");
            if (PolicyVersionStore.State.REJECTED.name().equals(stored.get().state())) {
                // still broken since it was rejected: say so again, as a fresh start would be asked
                lastRejected = new Rejection(clock.instant(), STARTUP, bundle.hash(), validator().validate(bundle, 0).errors());
                LOG.warnf("the folders hold version %d, rejected before; the active version %d keeps serving",
                        stored.get().version(), dbActive.get().version());
            }
            if (!dbActive.get().hash().equals(bundle.hash())) {
                LOG.infof("the folders hold a bundle already stored (%s); serving the active version %d from the database",
                        bundle.hash(), dbActive.get().version());
            }
            reloads.unchanged();
            return new LoadOutcome(dbActive.get().version(), false, List.of());
        }
        return load(bundle, "system", STARTUP);
    }

    /** Reads the folders and, when they hold a valid bundle that differs from the active one, activates it. */
    public LoadOutcome loadFromFolders(String actor, String source) {
        PolicyBundle bundle;
        try {
            bundle = BundleReader.read(config.rulesDir(), config.policiesDir());
        } catch (java.io.UncheckedIOException e) {
            List<BundleError> errors = List.of(new BundleError(PolicyBundle.POLICIES_PREFIX, 0,
                    "the folders could not be read: " + e.getMessage()));
            lastRejected = new Rejection(clock.instant(), source, null, errors);
            LOG.warnf("the policy folders could not be read; the active version keeps serving: %s", e.getMessage());
            reloads.unreadable();
            return new LoadOutcome(null, false, errors);
        }
        return load(bundle, actor, source);
    }

    private LoadOutcome load(PolicyBundle bundle, String actor, String source) {
        if (active.isLoaded() && active.get().policy().hash().equals(bundle.hash())) {
            reloads.unchanged();
            return new LoadOutcome(active.get().policy().version(), false, List.of());
        }
        long start = System.nanoTime();
        // At startup the main has usually compiled and warmed this very bundle while the database started.
        Optional<PolicyCompiler.Result> early = EarlyCompile.take(bundle, config.engine().maxRuleFirings(),
                config.engine().maxEvaluationMillis());
        warmedUpEarly |= early.filter(PolicyCompiler.Result::valid).isPresent();
        BundleValidator.Validation validation = early
                .map(compiled -> validator().validateCompiled(bundle, compiled))
                .orElseGet(() -> validator().validate(bundle, 0));
        LOG.debugf("validated %s in %d ms", bundle.hash(), (System.nanoTime() - start) / 1_000_000);
        synchronized (this) {
            return store(bundle, validation, actor, source);
        }
    }

    private LoadOutcome store(PolicyBundle bundle, BundleValidator.Validation validation, String actor, String source) {
        if (!validation.valid()) {
            reject(bundle, source, validation.errors());
            if (store.findAny(bundle.hash()).isEmpty()) {
                store.create(bundle, PolicyVersionStore.State.REJECTED, source, actor, ErrorsText.of(validation.errors()));
            }
            if (!active.isLoaded()) {
                syncToDatabase("the folders were rejected");
            }
            reloads.rejected();
            return new LoadOutcome(null, false, validation.errors());
        }
        long version = store.findUsable(bundle.hash())
                .map(v -> v.version())
                .orElseGet(() -> store.create(bundle, PolicyVersionStore.State.DRAFT, source, actor, null).version());
        activateCompiled(validation.policy().withVersion(version), actor, "loaded from folders (" + source + ")");
        reloads.activated();
        return new LoadOutcome(version, true, List.of());
    }

    /** Validates a bundle without storing anything: compile, sandbox, regulator floors, scenarios. */
    public BundleValidator.Validation validate(PolicyBundle bundle) {
        return validator().validate(bundle, 0);
    }

    /** Stores the bundle as a draft when it validates; a bundle already stored under its hash is that version. */
    public DraftOutcome createDraft(PolicyBundle bundle, String actor) {
        BundleValidator.Validation validation = validator().validate(bundle, 0);
        if (!validation.valid()) {
            reject(bundle, API, validation.errors());
            return new DraftOutcome(null, false, validation.scenariosRun(), validation.errors());
        }
        synchronized (this) {
            return storeDraft(bundle, validation, actor);
        }
    }

    private DraftOutcome storeDraft(PolicyBundle bundle, BundleValidator.Validation validation, String actor) {
        Optional<PolicyVersionRecord> existing = store.findUsable(bundle.hash());
        if (existing.isPresent()) {
            return new DraftOutcome(existing.get(), false, validation.scenariosRun(), List.of());
        }
        PolicyVersionRecord created = store.create(bundle, PolicyVersionStore.State.DRAFT, API, actor, null);
        remember(validation.policy().withVersion(created.version()));
        LOG.infof("policy version %d (%s) stored as a draft by %s", created.version(), created.hash(), actor);
        return new DraftOutcome(created, true, validation.scenariosRun(), List.of());
    }

    /** The files of the version now active (the base a partial draft is laid over). */
    public PolicyBundle activeBundle() {
        return active.get().policy().bundle();
    }

    /**
     * Activates a stored version (compiling it first, outside the lock) and swaps it in after the change is
     * committed, provided the version active when it was asked for is still the active one.
     *
     * @throws io.brokerpolicy.persistence.ActiveVersionChangedException when another version became active meanwhile
     */
    public CompiledPolicy activate(long version, String actor, String reason) {
        Long replacing = store.active().map(PolicyVersionRecord::version).orElse(null);
        CompiledPolicy policy = compiledVersion(version);
        synchronized (this) {
            PolicyVersionRecord stored = store.activateReplacing(version, replacing, actor, reason);
            remember(policy);
            active.swap(policy, stored.activatedAt());
            LOG.infof("policy version %d (%s) is active: %s", policy.version(), policy.hash(), reason);
        }
        return policy;
    }

    /**
     * Goes back to the version active before the current one: the one active when it was asked for. A rollback
     * that finds another version active by the time it runs changes nothing.
     *
     * @throws io.brokerpolicy.persistence.ActiveVersionChangedException when another version became active meanwhile
     * @throws IllegalStateException when there is no earlier version
     */
    public CompiledPolicy rollback(String actor) {
        Long from = store.active().map(PolicyVersionRecord::version).orElse(null);
        long to = store.rollbackTarget()
                .orElseThrow(() -> new IllegalStateException("there is no previously active version to roll back to"));
        CompiledPolicy policy = compiledVersion(to);
        synchronized (this) {
            PolicyVersionRecord target = store.rollback(actor, from);
            if (target.version() != to) {
                throw new io.brokerpolicy.persistence.ActiveVersionChangedException(from, target.version());
            }
            active.swap(policy, target.activatedAt());
            LOG.infof("policy version %d (%s) is active again: rolled back by %s", policy.version(), policy.hash(), actor);
        }
        return policy;
    }

    private void activateCompiled(CompiledPolicy policy, String actor, String reason) {
        PolicyVersionRecord stored = store.activate(policy.version(), actor, reason);
        remember(policy);
        active.swap(policy, stored.activatedAt());
        LOG.infof("policy version %d (%s) is active: %s", policy.version(), policy.hash(), reason);
    }

    /**
     * Serves the version the database says is active, when this instance serves another (another replica
     * activated it, or this one missed an announcement). Returns true when it swapped.
     */
    public boolean syncToDatabase(String why) {
        for (int attempt = 0; attempt < 3; attempt++) {
            Optional<PolicyVersionRecord> dbActive = store.active();
            if (dbActive.isEmpty()) {
                return false;
            }
            PolicyVersionRecord target = dbActive.get();
            if (active.isLoaded() && active.get().policy().version() == target.version()) {
                return false;
            }
            CompiledPolicy policy = compiledVersion(target.version());
            synchronized (this) {
                // what the database says now, not what it said before the compile
                Optional<PolicyVersionRecord> now = store.active();
                if (now.isEmpty() || now.get().version() != target.version()) {
                    continue;
                }
                if (active.isLoaded() && active.get().policy().version() == target.version()) {
                    return false;
                }
                active.swap(policy, target.activatedAt());
                LOG.infof("policy version %d (%s) is active here too (%s)", policy.version(), policy.hash(), why);
                return true;
            }
        }
        return false;
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
            throw new UnknownVersionException(version);
        }
        PolicyCompiler.Result result = validator().compiler().compile(bundle, version);
        if (!result.valid()) {
            throw new VersionNotCompilableException(version, result.errors());
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

    private BundleValidator validator() {
        if (validator == null) {
            validator = new BundleValidator(new PolicyCompiler(config.engine().maxRuleFirings(),
                    config.engine().maxEvaluationMillis(), config.engine().maxValidationMillis()),
                    new ScenarioRunner(clock, config.engine().maxScenarioRunMillis()));
        }
        return validator;
    }

    /** No stored version has this number. */
    public static class UnknownVersionException extends RuntimeException {
        public UnknownVersionException(long version) {
            super("policy version " + version + " does not exist");
        }
    }
}
