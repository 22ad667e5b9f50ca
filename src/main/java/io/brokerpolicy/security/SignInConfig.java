package io.brokerpolicy.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;

/** The backoff after failed sign-ins (docs/security.md). */
@ConfigMapping(prefix = "brokerpolicy.security.sign-in")
public interface SignInConfig {

    /** Failures in a row for one user name after which its attempts wait. */
    @WithName("failures-per-user")
    @WithDefault("5")
    int failuresPerUser();

    /** Failures in a row from one client address after which its attempts wait. */
    @WithName("failures-per-address")
    @WithDefault("20")
    int failuresPerAddress();

    /** The longest wait; it doubles from 1 s with each failure beyond the threshold. */
    @WithName("max-backoff")
    @WithDefault("PT5M")
    Duration maxBackoff();
}
