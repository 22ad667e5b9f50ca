package io.brokerpolicy.policy;

import io.brokerpolicy.domain.policy.BundleError;
import java.util.List;

/** A rejected version's errors as stored with it: one {@code file:line: message} a line. */
final class ErrorsText {

    private ErrorsText() {
    }

    static String of(List<BundleError> errors) {
        return String.join("\n", errors.stream().map(e -> e.file() + ":" + e.line() + ": " + e.message()).toList());
    }
}
