package io.brokerpolicy.audit;

import io.brokerpolicy.persistence.AuditReadEntity;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Records who read the audit records. {@link io.brokerpolicy.api.AuditReadRecorder} calls it for every
 * request to the compliance endpoints; other code that shows audit data some other way calls it itself.
 * Each record commits on its own, whatever the caller's transaction does.
 */
@ApplicationScoped
public class AuditReadLog {

    static final int MAX_TEXT = 2_000;

    @Inject
    Clock clock;

    /** One read as recorded. */
    public record Read(Instant at, String actor, String method, String path, String query, int status) {
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void record(String actor, String method, String path, String query, int status) {
        AuditReadEntity row = new AuditReadEntity();
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
        return AuditReadEntity.<AuditReadEntity>findAll(Sort.descending("id")).page(0, limit).list().stream()
                .map(r -> new Read(r.at, r.actor, r.method, r.path, r.query, r.status)).toList();
    }

    private static String cut(String text) {
        return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT) + "…";
    }
}
