package io.brokerpolicy.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.agroal.api.AgroalDataSource;
import io.brokerpolicy.audit.SnapshotConflictException;
import io.brokerpolicy.audit.StoredVerdict;
import io.brokerpolicy.audit.VerdictDocument;
import io.brokerpolicy.audit.VerdictRecord;
import io.brokerpolicy.audit.VerdictStorageException;
import io.brokerpolicy.domain.AccountSnapshot;
import io.brokerpolicy.domain.Verdict;
import io.brokerpolicy.intake.Json;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Writes verdicts into the audit chain. A verdict is appended in one transaction with its chain link;
 * the caller answers only after that transaction has committed, so no answered verdict can be lost.
 *
 * <p>Appends go through plain JDBC on the transaction's connection, for speed: everything that does not
 * depend on the chain (the verdict's id, time and JSON) is prepared before the chain lock is taken, so a
 * verdict's evaluatedAt is when it was prepared and may precede that of a verdict earlier in the chain by
 * the time two appends overlap; under the lock one
 * query finds the snapshotIds already stored, one batched insert writes the new rows, and one update moves
 * the chain head. The row hash is {@link VerdictRecord#linkedAfter}, over the row as stored.
 */
@ApplicationScoped
public class VerdictStore {

    private static final String LOCK_HEAD = "select last_seq, last_hash from audit_chain_head where id = 1 for update";
    private static final String FIND_STORED = "select snapshot_id, snapshot_hash, verdict_id, verdict::text"
            + " from verdict where snapshot_id = any(?)";
    private static final String INSERT = "insert into verdict (chain_seq, verdict_id, snapshot_id, snapshot_hash,"
            + " account_id, broker_id, account_type, status, policy_version, policy_hash, as_of, evaluated_at,"
            + " snapshot, verdict, prev_hash, row_hash) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::json, ?::json, ?, ?)";
    private static final String MOVE_HEAD = "update audit_chain_head set last_seq = ?, last_hash = ? where id = 1";

    @Inject
    Clock clock;
    @Inject
    AgroalDataSource dataSource;

    /** One evaluated snapshot, ready to be stored, with the time its evaluation took (null: not measured). */
    public record Evaluated(AccountSnapshot snapshot, String snapshotJson, String snapshotHash, Verdict verdict,
                            Long evaluationMicros) {

        public Evaluated(AccountSnapshot snapshot, String snapshotJson, String snapshotHash, Verdict verdict) {
            this(snapshot, snapshotJson, snapshotHash, verdict, null);
        }
    }

    /**
     * A verdict made ready for the chain outside any lock or writer thread: its id, time and JSON are fixed
     * here; its place in the chain (sequence, previous hash, own hash) is set when it is appended.
     */
    public static final class Prepared {
        private final Evaluated evaluated;
        private final VerdictRecord row;

        private Prepared(Evaluated evaluated, VerdictRecord row) {
            this.evaluated = evaluated;
            this.row = row;
        }

        public Evaluated evaluated() {
            return evaluated;
        }
    }

    /** Prepares a verdict for {@link #appendEach}; the caller's thread does the JSON work, not the appender. */
    public Prepared prepare(Evaluated evaluated) {
        return new Prepared(evaluated, row(evaluated, clock.instant().truncatedTo(ChronoUnit.MICROS)));
    }

    /** What appending one snapshot gave: its verdict, or why it was refused (a snapshotId reused for other content). */
    public record Appended(StoredVerdict verdict, RuntimeException refusal) {
    }

    /** The stored verdict of a snapshotId, if any; refuses a snapshotId reused for different content. */
    @Transactional
    public Optional<StoredVerdict> existing(String snapshotId, String snapshotHash) {
        return StoredVerdicts.bySnapshotId(snapshotId).map(e -> {
            if (!e.snapshotHash().equals(snapshotHash)) {
                throw new SnapshotConflictException(e.snapshotId());
            }
            return new StoredVerdict(e.verdictId().toString(), e.verdict(), false);
        });
    }

    /**
     * Stores a batch in one transaction and one hold of the chain lock, or nothing when any snapshotId in it
     * was stored before with other content. A snapshotId already stored (or repeated within the batch) is
     * answered with the first verdict, not stored again.
     */
    @Transactional
    public List<StoredVerdict> append(List<Evaluated> batch) {
        List<Prepared> prepared = new ArrayList<>(batch.size());
        batch.forEach(e -> prepared.add(prepare(e)));
        List<Appended> appended = appendEach(prepared);
        List<StoredVerdict> results = new ArrayList<>(appended.size());
        for (Appended a : appended) {
            if (a.refusal() != null) {
                throw a.refusal();
            }
            results.add(a.verdict());
        }
        return results;
    }

    /**
     * Stores what can be stored of independent requests in one transaction: a snapshotId reused for other
     * content is refused on its own and the others are stored. Used to group single requests into one commit.
     */
    @Transactional
    public List<Appended> appendEach(List<Prepared> batch) {
        try (Connection connection = dataSource.getConnection()) {
            ChainHead head = lockHead(connection);
            Map<String, StoredRow> stored = findStored(connection, batch);
            List<Appended> results = new ArrayList<>(batch.size());
            List<VerdictRecord> inserts = new ArrayList<>(batch.size());
            for (int i = 0; i < batch.size(); i++) {
                Evaluated e = batch.get(i).evaluated;
                StoredRow earlier = stored.get(e.snapshot().snapshotId());
                if (earlier != null) {
                    results.add(earlier.snapshotHash().equals(e.snapshotHash())
                            ? new Appended(new StoredVerdict(earlier.verdictId(), earlier.verdictJson(), false), null)
                            : new Appended(null, new SnapshotConflictException(e.snapshot().snapshotId())));
                    continue;
                }
                VerdictRecord row = batch.get(i).row.linkedAfter(head.lastSeq + 1, head.lastHash);
                head = new ChainHead(row.chainSeq(), row.rowHash());
                inserts.add(row);
                stored.put(row.snapshotId(), new StoredRow(row.snapshotHash(), row.verdictId().toString(), row.verdict()));
                results.add(new Appended(new StoredVerdict(row.verdictId().toString(), row.verdict(), true), null));
            }
            if (!inserts.isEmpty()) {
                insert(connection, inserts);
                moveHead(connection, head);
            }
            return results;
        } catch (SQLException e) {
            throw new VerdictStorageException(e);
        }
    }

    private record ChainHead(long lastSeq, String lastHash) {
    }

    private record StoredRow(String snapshotHash, String verdictId, String verdictJson) {
    }

    private static ChainHead lockHead(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(LOCK_HEAD); ResultSet rs = select.executeQuery()) {
            if (!rs.next()) {
                throw new IllegalStateException("the audit chain has no head row");
            }
            return new ChainHead(rs.getLong(1), rs.getString(2));
        }
    }

    private static Map<String, StoredRow> findStored(Connection connection, List<Prepared> batch) throws SQLException {
        String[] ids = batch.stream().map(p -> p.row.snapshotId()).distinct().toArray(String[]::new);
        Map<String, StoredRow> stored = new HashMap<>();
        Array array = connection.createArrayOf("text", ids);
        try (PreparedStatement select = connection.prepareStatement(FIND_STORED)) {
            select.setArray(1, array);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    stored.put(rs.getString(1), new StoredRow(rs.getString(2), rs.getString(3), rs.getString(4)));
                }
            }
        } finally {
            array.free();
        }
        return stored;
    }

    private static void insert(Connection connection, List<VerdictRecord> rows) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (VerdictRecord row : rows) {
                insert.setLong(1, row.chainSeq());
                insert.setObject(2, row.verdictId());
                insert.setString(3, row.snapshotId());
                insert.setString(4, row.snapshotHash());
                insert.setString(5, row.accountId());
                insert.setString(6, row.brokerId());
                insert.setString(7, row.accountType());
                insert.setString(8, row.status());
                insert.setLong(9, row.policyVersion());
                insert.setString(10, row.policyHash());
                insert.setObject(11, OffsetDateTime.ofInstant(row.asOf(), ZoneOffset.UTC));
                insert.setObject(12, OffsetDateTime.ofInstant(row.evaluatedAt(), ZoneOffset.UTC));
                insert.setString(13, row.snapshot());
                insert.setString(14, row.verdict());
                insert.setString(15, row.prevHash());
                insert.setString(16, row.rowHash());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static void moveHead(Connection connection, ChainHead head) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(MOVE_HEAD)) {
            update.setLong(1, head.lastSeq());
            update.setString(2, head.lastHash());
            update.executeUpdate();
        }
    }

    /** The row as it will be stored, except its place in the chain, which is known only under the lock. */
    private static VerdictRecord row(Evaluated e, Instant now) {
        AccountSnapshot s = e.snapshot();
        Verdict v = e.verdict();
        UUID verdictId = UUID.randomUUID();
        String document = write(VerdictDocument.of(verdictId.toString(), now, v, e.evaluationMicros()));
        return new VerdictRecord(0, verdictId, s.snapshotId(), e.snapshotHash(), s.accountId(), s.brokerId(),
                s.accountType(), v.status().name(), v.policy().version(), v.policy().hash(),
                s.asOf().truncatedTo(ChronoUnit.MICROS), now, e.snapshotJson(), document, null, null);
    }

    private static String write(Object value) {
        try {
            return Json.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a verdict could not be written as JSON", e);
        }
    }
}
