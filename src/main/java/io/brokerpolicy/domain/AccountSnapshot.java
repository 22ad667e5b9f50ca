package io.brokerpolicy.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The state of one trading account at {@code asOf}, as sent by a trading system. Immutable; the
 * evaluation never changes it. {@code snapshotId} is the client's idempotency key.
 */
public record AccountSnapshot(
        String snapshotId,
        String accountId,
        String brokerId,
        String accountType,
        String kycTier,
        String jurisdiction,
        ClientCategory clientCategory,
        String currency,
        Instant accountOpenedAt,
        Instant asOf,
        BigDecimal balance,
        List<Position> positions) {

    public AccountSnapshot {
        Objects.requireNonNull(snapshotId, "snapshotId");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(brokerId, "brokerId");
        Objects.requireNonNull(accountType, "accountType");
        Objects.requireNonNull(clientCategory, "clientCategory");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(balance, "balance");
        positions = List.copyOf(positions == null ? List.of() : positions);
    }
}
