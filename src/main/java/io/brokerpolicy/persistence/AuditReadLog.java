package io.brokerpolicy.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * The access log of the audit record (table audit_read): who read, searched, replayed, exported or
 * verified what, and when. Each entry commits on its own, so a record is kept even when the answer
 * that follows fails half way (an export cut off, say).
 */
@ApplicationScoped
public class AuditReadLog {

    public enum Action { READ, SEARCH, REPLAY, EXPORT, VERIFY, PROOF }

    @Inject
    EntityManager entityManager;
    @Inject
    Clock clock;

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void record(String actor, Action action, String target, String detail) {
        entityManager.createNativeQuery("insert into audit_read (at, actor, action, target, detail) values (?1, ?2, ?3, ?4, ?5)")
                .setParameter(1, OffsetDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC))
                .setParameter(2, actor)
                .setParameter(3, action.name())
                .setParameter(4, target)
                .setParameter(5, detail)
                .executeUpdate();
    }
}
