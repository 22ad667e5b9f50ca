package io.brokerpolicy.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Backoff after failed sign-ins, per user name and per client address. After {@code perUser} failures in a
 * row for one name (or {@code perAddress} from one address), further attempts are refused without a
 * password check for a while that doubles with each further failure (1 s, 2 s, 4 s ... up to
 * {@code maxBackoff}); a success clears the name and the address. An address that has signed in as a
 * user before is not held back by failures of that user from elsewhere, so someone guessing a trading
 * system's password from another machine does not lock that system out.
 */
public final class SignInThrottle {

    private static final int MAX_ENTRIES = 100_000;

    private final int perUser;
    private final int perAddress;
    private final Duration maxBackoff;
    private final Clock clock;
    private final Map<String, Failures> users = new ConcurrentHashMap<>();
    private final Map<String, Failures> addresses = new ConcurrentHashMap<>();
    private final Map<String, Instant> trusted = new ConcurrentHashMap<>();

    private record Failures(int count, Instant blockedUntil, Instant last) {
    }

    public SignInThrottle(int perUser, int perAddress, Duration maxBackoff, Clock clock) {
        this.perUser = perUser;
        this.perAddress = perAddress;
        this.maxBackoff = maxBackoff;
        this.clock = clock;
    }

    /** How long this attempt must wait, or empty when it may be checked now. */
    public Optional<Duration> waitBefore(String user, String address) {
        Instant now = clock.instant();
        Duration wait = Duration.ZERO;
        if (!trusted.containsKey(trustKey(user, address))) {
            wait = remaining(users.get(user), now);
        }
        Duration byAddress = remaining(addresses.get(address), now);
        if (byAddress.compareTo(wait) > 0) {
            wait = byAddress;
        }
        return wait.isZero() ? Optional.empty() : Optional.of(wait);
    }

    public void failed(String user, String address) {
        Instant now = clock.instant();
        prune(now);
        if (!trusted.containsKey(trustKey(user, address))) {
            users.compute(user, (k, f) -> next(f, perUser, now));
        }
        addresses.compute(address, (k, f) -> next(f, perAddress, now));
    }

    public void succeeded(String user, String address) {
        addresses.remove(address);
        // Failures for this user counted only from other addresses: a success from one it already signed in
        // from must not wipe out the backoff of someone guessing elsewhere.
        if (trusted.putIfAbsent(trustKey(user, address), clock.instant()) == null) {
            users.remove(user);
        }
        if (trusted.size() > MAX_ENTRIES) {
            trusted.clear();
        }
    }

    private Failures next(Failures before, int threshold, Instant now) {
        int count = before == null ? 1 : before.count() + 1;
        Instant blockedUntil = now;
        if (count >= threshold) {
            long seconds = 1L << Math.min(30, count - threshold);
            Duration backoff = Duration.ofSeconds(seconds).compareTo(maxBackoff) > 0 ? maxBackoff : Duration.ofSeconds(seconds);
            blockedUntil = now.plus(backoff);
        }
        return new Failures(count, blockedUntil, now);
    }

    private static Duration remaining(Failures failures, Instant now) {
        if (failures == null || !failures.blockedUntil().isAfter(now)) {
            return Duration.ZERO;
        }
        Duration left = Duration.between(now, failures.blockedUntil());
        // Whole seconds, rounded up: Retry-After counts in seconds.
        return Duration.ofSeconds(left.toSeconds() + (left.toNanosPart() > 0 ? 1 : 0));
    }

    /** Bounded memory: failures untouched for longer than the longest backoff are forgotten. */
    private void prune(Instant now) {
        if (users.size() + addresses.size() < MAX_ENTRIES) {
            return;
        }
        Instant before = now.minus(maxBackoff.multipliedBy(2));
        users.values().removeIf(f -> f.last().isBefore(before));
        addresses.values().removeIf(f -> f.last().isBefore(before));
        if (users.size() + addresses.size() >= MAX_ENTRIES) {
            users.clear(); // a flood of names: start over rather than grow without bound
        }
    }

    private static String trustKey(String user, String address) {
        return user + "\u0000" + address;
    }
}
