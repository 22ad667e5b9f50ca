package io.brokerpolicy.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The backoff's arithmetic, on a clock the test moves: thresholds, doubling, its ceiling, and what clears it. */
class SignInThrottleTest {

    private Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final SignInThrottle throttle = new SignInThrottle(3, 5, Duration.ofSeconds(8), clock);

    @Test
    void aUsersAttemptsWait_afterTheThreshold_doublingUpToTheCeiling() {
        throttle.failed("alice", "10.0.0.1");
        throttle.failed("alice", "10.0.0.2");
        assertThat(throttle.waitBefore("alice", "10.0.0.3")).isEmpty();
        throttle.failed("alice", "10.0.0.3");
        assertThat(throttle.waitBefore("alice", "10.0.0.4")).contains(Duration.ofSeconds(1));
        assertThat(throttle.waitBefore("bob", "10.0.0.4")).as("another user").isEmpty();
        long[] expected = {2, 4, 8, 8};
        for (long seconds : expected) {
            throttle.failed("alice", "10.0.0.3");
            assertThat(throttle.waitBefore("alice", "10.0.0.9")).contains(Duration.ofSeconds(seconds));
        }
        now = now.plusSeconds(8);
        assertThat(throttle.waitBefore("alice", "10.0.0.9")).as("the wait is over").isEmpty();
    }

    @Test
    void anAddressWaits_afterItsThreshold_whateverNamesItTries() {
        for (int i = 0; i < 5; i++) {
            throttle.failed("user-" + i, "10.0.0.66");
        }
        assertThat(throttle.waitBefore("someone-else", "10.0.0.66")).contains(Duration.ofSeconds(1));
        assertThat(throttle.waitBefore("someone-else", "10.0.0.67")).isEmpty();
    }

    @Test
    void aTrustedAddress_isNotHeldBack_andItsSuccessDoesNotClearTheGuessersBackoff() {
        throttle.succeeded("alice", "10.0.0.1");
        for (int i = 0; i < 4; i++) {
            throttle.failed("alice", "10.6.6.6");
        }
        assertThat(throttle.waitBefore("alice", "10.6.6.6")).isPresent();
        assertThat(throttle.waitBefore("alice", "10.0.0.1")).isEmpty();
        throttle.succeeded("alice", "10.0.0.1");
        assertThat(throttle.waitBefore("alice", "10.6.6.6")).as("still held back").isPresent();
        throttle.failed("alice", "10.0.0.1");
        throttle.failed("alice", "10.0.0.1");
        assertThat(throttle.waitBefore("alice", "10.0.0.1")).as("its own typos do not count against the user").isEmpty();
    }

    @Test
    void aSuccessFromANewAddress_clearsTheUsersFailures() {
        throttle.failed("carol", "10.0.0.5");
        throttle.failed("carol", "10.0.0.5");
        throttle.succeeded("carol", "10.0.0.5");
        throttle.failed("carol", "10.0.0.7");
        throttle.failed("carol", "10.0.0.7");
        assertThat(throttle.waitBefore("carol", "10.0.0.7")).isEmpty();
    }
}
