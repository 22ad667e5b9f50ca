package io.brokerpolicy.audit;

import io.brokerpolicy.audit.log.CanonicalJson;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * The bytes a leaf of the audit log is hashed over, read from the rows themselves: a canonical JSON object
 * of every column of the row, in a fixed order, with the stored JSON documents (a verdict and its snapshot)
 * embedded exactly as stored. Whoever holds these bytes can read the record and check it against a signed
 * checkpoint; whoever changes any column of the row changes its leaf.
 *
 * <p>{@code recordVersion} numbers this layout. A new layout gets a new number and the old one stays
 * readable, since every leaf ever written must hash the same forever.
 */
public final class LoggedRecords {

    static final int RECORD_VERSION = 1;

    private LoggedRecords() {
    }

    /** The records of the given rows of one table, by key; a key with no row is absent from the answer. */
    public static Map<Long, LoggedRecord> read(Connection connection, LoggedKind kind, Collection<Long> keys)
            throws SQLException {
        Map<Long, LoggedRecord> records = new HashMap<>();
        if (keys.isEmpty()) {
            return records;
        }
        Array array = connection.createArrayOf("bigint", keys.toArray());
        try (PreparedStatement select = connection.prepareStatement(kind.selectByKeys())) {
            select.setArray(1, array);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    LoggedRecord record = read(kind, row);
                    records.put(record.key(), record);
                }
            }
        } finally {
            array.free();
        }
        return records;
    }

    static LoggedRecord read(LoggedKind kind, ResultSet r) throws SQLException {
        return switch (kind) {
            case VERDICT -> of(VerdictRows.read(r));
            case POLICY_EVENT -> {
                long seq = r.getLong("chain_seq");
                yield new LoggedRecord(kind, seq, Long.toString(seq), start(kind)
                        .number("chainSeq", seq)
                        .number("version", r.getLong("version"))
                        .string("action", r.getString("action"))
                        .string("actor", r.getString("actor"))
                        .string("at", instant(r, "at"))
                        .string("detail", r.getString("detail"))
                        .string("prevHash", r.getString("prev_hash"))
                        .string("rowHash", r.getString("row_hash")).bytes());
            }
            case POLICY_FILE -> {
                long id = r.getLong("id");
                long version = r.getLong("version");
                String path = r.getString("path");
                yield new LoggedRecord(kind, id, "version " + version + " " + path, start(kind)
                        .number("id", id)
                        .number("version", version)
                        .string("path", path)
                        .string("content", r.getString("content")).bytes());
            }
            case AUDIT_READ -> {
                long id = r.getLong("id");
                yield new LoggedRecord(kind, id, Long.toString(id), start(kind)
                        .number("id", id)
                        .string("at", instant(r, "at"))
                        .string("actor", r.getString("actor"))
                        .string("action", r.getString("action"))
                        .string("target", r.getString("target"))
                        .string("detail", r.getString("detail")).bytes());
            }
            case AUDIT_ACCESS -> {
                long id = r.getLong("id");
                yield new LoggedRecord(kind, id, Long.toString(id), start(kind)
                        .number("id", id)
                        .string("at", instant(r, "at"))
                        .string("actor", r.getString("actor"))
                        .string("method", r.getString("method"))
                        .string("path", r.getString("path"))
                        .string("query", r.getString("query"))
                        .number("status", r.getLong("status")).bytes());
            }
            case SEAL -> {
                long id = r.getLong("id");
                yield new LoggedRecord(kind, id, Long.toString(id), r.getBytes("record"));
            }
        };
    }

    /** A verdict's record: every column, the stored verdict document and snapshot embedded as stored. */
    public static LoggedRecord of(VerdictRecord v) {
        return new LoggedRecord(LoggedKind.VERDICT, v.chainSeq(), v.verdictId().toString(), start(LoggedKind.VERDICT)
                .number("chainSeq", v.chainSeq())
                .string("verdictId", v.verdictId().toString())
                .string("snapshotId", v.snapshotId())
                .string("snapshotHash", v.snapshotHash())
                .string("accountId", v.accountId())
                .string("brokerId", v.brokerId())
                .string("accountType", v.accountType())
                .string("status", v.status())
                .number("policyVersion", v.policyVersion())
                .string("policyHash", v.policyHash())
                .string("asOf", v.asOf().toString())
                .string("evaluatedAt", v.evaluatedAt().toString())
                .raw("snapshot", v.snapshot())
                .raw("verdict", v.verdict())
                .string("prevHash", v.prevHash())
                .string("rowHash", v.rowHash()).bytes());
    }

    private static CanonicalJson start(LoggedKind kind) {
        return new CanonicalJson().string("kind", kind.table()).number("recordVersion", RECORD_VERSION);
    }

    private static String instant(ResultSet r, String column) throws SQLException {
        return r.getObject(column, OffsetDateTime.class).toInstant().toString();
    }
}
