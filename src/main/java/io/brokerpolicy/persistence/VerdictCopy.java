package io.brokerpolicy.persistence;

import io.brokerpolicy.audit.VerdictRecord;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.Collection;
import org.postgresql.jdbc.PgConnection;

/**
 * Writes new verdict rows with one {@code COPY}: the cheapest way into PostgreSQL (no statement per row, no
 * parameters to bind), fired through the same insert trigger that queues each row for the Merkle log. COPY
 * cannot skip a row whose snapshotId is stored already, so it runs inside a savepoint: when a snapshotId is
 * taken (a client's retry, or two requests with one snapshot at once) the savepoint is rolled back and the
 * caller stores the batch the careful way, row by row against what is stored. Either way it is one
 * transaction, committed before anyone is answered.
 */
final class VerdictCopy {

    private static final String COPY = "copy verdict (verdict_id, snapshot_id, snapshot_hash, account_id, broker_id,"
            + " account_type, status, policy_version, policy_hash, as_of, evaluated_at, snapshot, verdict)"
            + " from stdin (format text)";
    private static final String UNIQUE_VIOLATION = "23505";

    private VerdictCopy() {
    }

    /** True when every row was stored; false (and nothing stored) when a snapshotId was stored before. */
    static boolean copyAll(Connection connection, Collection<VerdictRecord> rows) throws SQLException {
        byte[] data = text(rows);
        // The driver's own connection: the pool's wrapper refuses a rollback, even to a savepoint, while the
        // connection is enlisted in the transaction; rolling back to a savepoint leaves that transaction open.
        PgConnection pg = connection.unwrap(PgConnection.class);
        Savepoint savepoint = pg.setSavepoint();
        try {
            pg.getCopyAPI().copyIn(COPY, new ByteArrayInputStream(data));
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                pg.rollback(savepoint);
                return false;
            }
            throw e;
        } catch (IOException e) {
            throw new SQLException("the verdict rows could not be sent", "08006", e);
        }
        pg.releaseSavepoint(savepoint);
        return true;
    }

    /** The rows in COPY's text format: tab between columns, one row a line, backslash escapes. */
    static byte[] text(Collection<VerdictRecord> rows) {
        StringBuilder out = new StringBuilder(rows.size() * 6_000);
        for (VerdictRecord row : rows) {
            field(out, row.verdictId().toString()).append('\t');
            field(out, row.snapshotId()).append('\t');
            field(out, row.snapshotHash()).append('\t');
            field(out, row.accountId()).append('\t');
            field(out, row.brokerId()).append('\t');
            field(out, row.accountType()).append('\t');
            field(out, row.status()).append('\t');
            out.append(row.policyVersion()).append('\t');
            field(out, row.policyHash()).append('\t');
            out.append(row.asOf()).append('\t');
            out.append(row.evaluatedAt()).append('\t');
            field(out, row.snapshot()).append('\t');
            field(out, row.verdict()).append('\n');
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static StringBuilder field(StringBuilder out, String value) {
        int from = 0;
        for (int i = 0; i < value.length(); i++) {
            String escape = switch (value.charAt(i)) {
                case '\\' -> "\\\\";
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                case '\t' -> "\\t";
                default -> null;
            };
            if (escape != null) {
                out.append(value, from, i).append(escape);
                from = i + 1;
            }
        }
        // Most text has nothing to escape and is copied in one piece.
        return out.append(value, from, value.length());
    }
}
