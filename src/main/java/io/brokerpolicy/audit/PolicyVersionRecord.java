package io.brokerpolicy.audit;

import java.time.Instant;

/**
 * One stored revision of the policy bundle, as the policy history shows it: its number, content hash,
 * lifecycle state (DRAFT, ACTIVE, RETIRED, REJECTED), where it came from, who made it and when, and the
 * errors that rejected it.
 */
public record PolicyVersionRecord(long version, String hash, String state, String source, String createdBy,
                                  Instant createdAt, Instant activatedAt, String errors) {
}
