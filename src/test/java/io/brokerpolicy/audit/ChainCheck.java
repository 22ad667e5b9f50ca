package io.brokerpolicy.audit;

import io.brokerpolicy.persistence.PolicyEventEntity;
import io.brokerpolicy.persistence.VerdictEntity;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Walks the whole audit chain in the test's own way (recomputing each row's hash with {@link AuditHashes}),
 * so a test does not depend on the service's verify endpoint.
 */
public final class ChainCheck {

    private ChainCheck() {
    }

    /** The problems found; empty when every link is whole. Returns also how many links were checked. */
    public record Result(long checked, List<String> problems) {
    }

    public static Result verify() {
        return QuarkusTransaction.requiringNew().call(() -> {
            TreeMap<Long, Object> links = new TreeMap<>();
            VerdictEntity.<VerdictEntity>listAll().forEach(v -> links.put(v.chainSeq, v));
            PolicyEventEntity.<PolicyEventEntity>listAll().forEach(e -> {
                if (links.put(e.chainSeq, e) != null) {
                    throw new IllegalStateException("chain_seq " + e.chainSeq + " is used twice");
                }
            });
            List<String> problems = new ArrayList<>();
            String previous = "sha256:genesis";
            long expectedSeq = 1;
            for (var link : links.entrySet()) {
                if (link.getKey() != expectedSeq) {
                    problems.add("gap: expected chain_seq " + expectedSeq + ", found " + link.getKey());
                }
                expectedSeq = link.getKey() + 1;
                String prevHash;
                String rowHash;
                String recomputed;
                if (link.getValue() instanceof VerdictEntity v) {
                    prevHash = v.prevHash;
                    rowHash = v.rowHash;
                    recomputed = AuditHashes.ofVerdict(v.toRecord());
                } else {
                    PolicyEventEntity e = (PolicyEventEntity) link.getValue();
                    prevHash = e.prevHash;
                    rowHash = e.rowHash;
                    recomputed = AuditHashes.ofPolicyEvent(e.toRecord());
                }
                if (!prevHash.equals(previous)) {
                    problems.add("chain_seq " + link.getKey() + " does not point to the link before it");
                }
                if (!rowHash.equals(recomputed)) {
                    problems.add("chain_seq " + link.getKey() + " does not hash to its stored row_hash");
                }
                previous = rowHash;
            }
            return new Result(links.size(), problems);
        });
    }
}
