package io.brokerpolicy.engine;

import io.brokerpolicy.domain.AccountSnapshot;
import io.brokerpolicy.domain.ClientCategory;
import io.brokerpolicy.domain.policy.PolicyBook;
import io.brokerpolicy.domain.policy.ResolvedPolicy;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The terms of one policy version, resolved once per broker, account type, KYC tier, client category and jurisdiction
 * and reused for every snapshot that shares them; only the caps that depend on a snapshot's time (young accounts,
 * volatility windows) are folded in per snapshot. A policy version is immutable, so nothing here is ever stale.
 */
public final class StandingTerms {

    /** Jurisdictions are free text in a snapshot: a flood of made-up ones must not grow the cache without end. */
    private static final int MAX_ENTRIES = 4096;

    private final PolicyBook book;
    private final Map<Key, ResolvedPolicy> resolved = new ConcurrentHashMap<>();

    public StandingTerms(PolicyBook book) {
        this.book = book;
    }

    /** As {@link PolicyBook#resolve}; throws its PolicyNotFoundException for an unknown broker, account type or tier. */
    public ResolvedPolicy resolve(AccountSnapshot snapshot) {
        Key key = new Key(snapshot.brokerId(), snapshot.accountType(), snapshot.kycTier(), snapshot.clientCategory(),
                snapshot.jurisdiction());
        ResolvedPolicy standing = resolved.get(key);
        if (standing == null) {
            standing = book.standing(snapshot);
            if (resolved.size() < MAX_ENTRIES) {
                resolved.putIfAbsent(key, standing);
            }
        }
        return book.atTime(standing, snapshot);
    }

    private record Key(String brokerId, String accountType, String kycTier, ClientCategory clientCategory,
                       String jurisdiction) {
    }
}
