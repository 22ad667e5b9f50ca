package io.brokerpolicy.persistence;

import io.agroal.api.AgroalDataSource;
import io.brokerpolicy.audit.AuditChainVerifier;
import io.brokerpolicy.audit.ChainVerification;
import io.brokerpolicy.audit.log.CanonicalJson;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * Takes the hash chain of earlier releases into the Merkle log once. The upgrade's migration queued every
 * row stored before it, so they become leaves like any other record; this verifies their chain link by link
 * one last time and writes what it found (sound or the first broken link, and the chain's head) as a record
 * of its own, a leaf too. The first checkpoint after the upgrade then seals both the rows and the verdict on
 * their chain: from there on, changing an old row is found like changing a new one.
 */
@ApplicationScoped
public class LegacyChainSeal {

    private static final Logger LOG = Logger.getLogger(LegacyChainSeal.class);

    @Inject
    AgroalDataSource dataSource;
    @Inject
    AuditChainVerifier chain;
    @Inject
    Clock clock;

    /** Seals the chain if it has links and no seal exists yet; replicas starting together seal it once. */
    public void sealOnce() {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                long lastSeq;
                String lastHash;
                try (PreparedStatement lock = connection.prepareStatement(
                        "select last_seq, last_hash from audit_chain_head where id = 1 for update");
                     ResultSet head = lock.executeQuery()) {
                    if (!head.next()) {
                        connection.rollback();
                        return;
                    }
                    lastSeq = head.getLong(1);
                    lastHash = head.getString(2);
                }
                if (lastSeq == 0 || sealed(connection)) {
                    connection.rollback();
                    return;
                }
                ChainVerification found = chain.verify();
                CanonicalJson record = new CanonicalJson().string("kind", "audit_log_seal").number("recordVersion", 1)
                        .string("sealed", "hash chain of the releases before the Merkle log")
                        .string("verifiedAt", clock.instant().toString())
                        .string("result", found.ok() ? "sound" : "broken")
                        .number("linksChecked", found.checked())
                        .number("headChainSeq", lastSeq)
                        .string("headHash", lastHash)
                        .string("brokenAt", found.brokenAt() == null ? null : "chain_seq " + found.brokenAt().chainSeq()
                                + " (" + found.brokenAt().table() + " " + found.brokenAt().id() + "): "
                                + found.brokenAt().reason());
                try (PreparedStatement insert = connection.prepareStatement(
                        "insert into audit_log_seal (at, record) values (?, ?)")) {
                    insert.setObject(1, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
                    insert.setBytes(2, record.bytes());
                    insert.executeUpdate();
                }
                connection.commit();
                if (found.ok()) {
                    LOG.infof("audit log: the hash chain of the earlier release (%d links, head %s) verified and taken"
                            + " into the log", found.checked(), lastHash);
                } else {
                    LOG.errorf("audit log: the hash chain of the earlier release is broken at chain_seq %d (%s); its rows"
                            + " are taken into the log as they are and the finding is recorded with them",
                            found.brokenAt().chainSeq(), found.brokenAt().reason());
                }
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the earlier hash chain could not be sealed: " + e.getMessage(), e);
        }
    }

    private static boolean sealed(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("select 1 from audit_log_seal limit 1");
             ResultSet r = select.executeQuery()) {
            return r.next();
        }
    }
}
