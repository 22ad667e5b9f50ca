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
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Writes verdicts into the audit record. Each batch is one transaction; the caller answers only after it has
 * committed, so no answered verdict can be lost. Writers share no lock: the row's number comes from a
 * sequence and its place in the Merkle log is given later by the log's sequencer ({@link AuditLogWriter}),
 * to which an insert trigger queues every new row in the same transaction. A snapshotId stored by two
 * requests at once is kept once: the second insert waits for the first to commit and skips the row, and
 * both are answered with the one verdict stored.
 */
@ApplicationScoped
public class VerdictStore {

    private static final String FIND_STORED = "select snapshot_id, snapshot_hash, verdict_id, verdict::text"
            + " from verdict where snapshot_id = any(?)";
    private static final String INSERT = "insert into verdict (verdict_id, snapshot_id, snapshot_hash,"
            + " account_id, broker_id, account_type, status, policy_version, policy_hash, as_of, evaluated_at,"
            + " snapshot, verdict) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::json, ?::json)"
            + " on conflict (snapshot_id) do nothing";

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

    /** A verdict made ready to store outside any transaction or writer thread: its id, time and JSON are fixed here. */
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

    /**
     * Everything an append does before it reaches the database (the verdict document written, the rows
     * rendered for COPY), for the warm-up at start; nothing is stored. Answers the bytes that would be sent.
     */
    public int rehearse(List<Evaluated> batch) {
        List<VerdictRecord> rows = new ArrayList<>(batch.size());
        batch.forEach(e -> rows.add(prepare(e).row));
        return VerdictCopy.text(rows).length;
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
     * Stores a batch in one transaction, or nothing when any snapshotId in it
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
            Map<String, VerdictRecord> firsts = new LinkedHashMap<>();
            batch.forEach(p -> firsts.putIfAbsent(p.row.snapshotId(), p.row));
            Map<String, StoredRow> stored;
            if (VerdictCopy.copyAll(connection, firsts.values())) {
                // Every row went in as written: the answers are the rows in hand, nothing is read back.
                stored = new HashMap<>(firsts.size() * 2);
                for (VerdictRecord row : firsts.values()) {
                    stored.put(row.snapshotId(), new StoredRow(row.snapshotHash(), row.verdictId().toString(), row.verdict()));
                }
            } else {
                // A snapshotId was stored before (a retry, or a concurrent request with the same snapshot):
                // the rows that are new go in, and every answer comes from what is stored.
                insert(connection, firsts.values());
                stored = findStored(connection, firsts.keySet());
            }
            List<Appended> results = new ArrayList<>(batch.size());
            for (Prepared prepared : batch) {
                Evaluated e = prepared.evaluated;
                StoredRow row = stored.get(e.snapshot().snapshotId());
                if (row == null) {
                    throw new IllegalStateException("snapshot " + e.snapshot().snapshotId() + " was neither stored nor found");
                }
                if (row.verdictId().equals(prepared.row.verdictId().toString())) {
                    results.add(new Appended(new StoredVerdict(row.verdictId(), row.verdictJson(), true), null));
                } else if (row.snapshotHash().equals(e.snapshotHash())) {
                    results.add(new Appended(new StoredVerdict(row.verdictId(), row.verdictJson(), false), null));
                } else {
                    results.add(new Appended(null, new SnapshotConflictException(e.snapshot().snapshotId())));
                }
            }
            return results;
        } catch (SQLException e) {
            throw new VerdictStorageException(e);
        }
    }

    private record StoredRow(String snapshotHash, String verdictId, String verdictJson) {
    }

    private static Map<String, StoredRow> findStored(Connection connection, Collection<String> snapshotIds)
            throws SQLException {
        String[] ids = snapshotIds.toArray(String[]::new);
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

    private static void insert(Connection connection, Collection<VerdictRecord> rows) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (VerdictRecord row : rows) {
                insert.setObject(1, row.verdictId());
                insert.setString(2, row.snapshotId());
                insert.setString(3, row.snapshotHash());
                insert.setString(4, row.accountId());
                insert.setString(5, row.brokerId());
                insert.setString(6, row.accountType());
                insert.setString(7, row.status());
                insert.setLong(8, row.policyVersion());
                insert.setString(9, row.policyHash());
                insert.setObject(10, OffsetDateTime.ofInstant(row.asOf(), ZoneOffset.UTC));
                insert.setObject(11, OffsetDateTime.ofInstant(row.evaluatedAt(), ZoneOffset.UTC));
                insert.setString(12, row.snapshot());
                insert.setString(13, row.verdict());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** The row as it will be stored, but for its number, which the database gives it. */
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
