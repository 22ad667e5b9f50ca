package io.brokerpolicy.policy;

import io.brokerpolicy.domain.policy.BundleError;
import java.util.List;

/**
 * A stored policy version that this service does not compile: its rule files were accepted by an earlier release
 * whose rule language allowed more than this one does. It can be read, diffed and audited, not served, rolled
 * back to or replayed under.
 */
public class VersionNotCompilableException extends RuntimeException {

    public VersionNotCompilableException(long version, List<BundleError> errors) {
        super("policy version " + version + " does not compile under this release's rule language, so it cannot be"
                + " served or replayed: " + (errors.isEmpty() ? "no reason given" : errors.get(0).file() + ":"
                + errors.get(0).line() + ": " + errors.get(0).message()) + (errors.size() > 1 ? " (and "
                + (errors.size() - 1) + " more)" : ""));
    }
}
