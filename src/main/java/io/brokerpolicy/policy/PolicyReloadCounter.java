package io.brokerpolicy.policy;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * {@code brokerpolicy_policy_reloads_total{result}}: each reading of the policy folders (at start and on every
 * change the watcher sees) counted by what came of it: {@code activated} (a new version serves), {@code unchanged}
 * (the folders hold the active version), {@code rejected} (invalid; the active version keeps serving) or
 * {@code unreadable} (the folders could not be read).
 */
@ApplicationScoped
public class PolicyReloadCounter {

    public static final String ACTIVATED = "activated";
    public static final String UNCHANGED = "unchanged";
    public static final String REJECTED = "rejected";
    public static final String UNREADABLE = "unreadable";

    @Inject
    MeterRegistry registry;

    private Counter activated;
    private Counter unchanged;
    private Counter rejected;
    private Counter unreadable;

    @PostConstruct
    void init() {
        activated = counter(ACTIVATED);
        unchanged = counter(UNCHANGED);
        rejected = counter(REJECTED);
        unreadable = counter(UNREADABLE);
    }

    void activated() {
        activated.increment();
    }

    void unchanged() {
        unchanged.increment();
    }

    void rejected() {
        rejected.increment();
    }

    void unreadable() {
        unreadable.increment();
    }

    private Counter counter(String result) {
        return Counter.builder("brokerpolicy.policy.reloads").description("Readings of the policy folders, by result")
                .tag("result", result).register(registry);
    }
}
