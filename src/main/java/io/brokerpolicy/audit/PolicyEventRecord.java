package io.brokerpolicy.audit;

import java.time.Instant;

/** One policy lifecycle event (created, activated, rolled back…) as it sits in the audit chain. */
public record PolicyEventRecord(long chainSeq, long version, String action, String actor, Instant at, String detail,
                                String prevHash, String rowHash) {
}
