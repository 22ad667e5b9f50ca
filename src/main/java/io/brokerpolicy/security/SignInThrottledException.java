package io.brokerpolicy.security;

import java.time.Duration;

/**
 * A sign-in refused without a password check because of earlier failures: answered 429 with Retry-After.
 * It travels as the cause of the AuthenticationFailedException that Quarkus expects of an identity provider.
 */
public final class SignInThrottledException extends RuntimeException {

    private final Duration retryAfter;

    public SignInThrottledException(Duration retryAfter) {
        super("too many failed sign-ins; retry after " + retryAfter.toSeconds() + " s", null, false, false);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
