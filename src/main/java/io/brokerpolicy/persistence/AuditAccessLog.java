package io.brokerpolicy.persistence;

import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Records every request to the compliance endpoints, as HTTP saw it (table audit_access):
 * {@link io.brokerpolicy.api.AuditReadRecorder} calls it for each one, whether it was answered or refused.
 * {@link AuditReadLog} beside it records what compliance did in the endpoints' own terms (read, replay…).
 * Each record commits on its own, whatever the caller's transaction does.
 */
@ApplicationScoped
public class AuditAccessLog {

    static final int MAX_TEXT = 2_000;

    @Inject
    Clock clock;

    /** One read as recorded. */
    public record Read(Instant at, String actor, String method, String path, String query, int status) {
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void record(String actor, String method, String path, String query, int status) {
        AuditAccessEntity row = new AuditAccessEntity();
        row.at = clock.instant().truncatedTo(ChronoUnit.MICROS);
        row.actor = cut(actor);
        row.method = cut(method);
        row.path = cut(path);
        row.query = query == null || query.isEmpty() ? null : cut(query);
        row.status = status;
        row.persist();
    }

    /** The newest reads first, at most {@code limit}. */
    @Transactional
    public List<Read> newest(int limit) {
        return AuditAccessEntity.<AuditAccessEntity>findAll(Sort.descending("id")).page(0, limit).list().stream()
                .map(r -> new Read(r.at, r.actor, r.method, r.path, r.query, r.status)).toList();
    }

    private static String cut(String text) {
        return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT) + "…";
    }
}
