package io.brokerpolicy.policy;

import io.brokerpolicy.engine.CompiledPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The policy version that serves evaluations. Swapped as one reference: an evaluation takes the
 * reference once and runs entirely under that version, so no verdict is computed under a half-applied
 * change.
 */
@ApplicationScoped
public class ActivePolicy {

    /** The compiled version and when it became active. */
    public record Active(CompiledPolicy policy, Instant activatedAt) {
    }

    private final AtomicReference<Active> current = new AtomicReference<>();

    /** The active version, or an exception while none is loaded yet (the service is then not ready). */
    public Active get() {
        Active active = current.get();
        if (active == null) {
            throw new NoActivePolicyException();
        }
        return active;
    }

    public boolean isLoaded() {
        return current.get() != null;
    }

    void swap(CompiledPolicy policy, Instant activatedAt) {
        current.set(new Active(policy, activatedAt));
    }

    /** No policy version is active: the service is starting or every version failed to load. */
    public static class NoActivePolicyException extends RuntimeException {
        public NoActivePolicyException() {
            super("no policy version is active yet");
        }
    }
}
