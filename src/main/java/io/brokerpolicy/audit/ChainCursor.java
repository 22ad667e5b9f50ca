package io.brokerpolicy.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * Reads one audit table in chain order through a server-side cursor, a fetch-size batch at a time,
 * with one row of look-ahead so two tables can be merged into the one chain.
 */
final class ChainCursor implements AutoCloseable {

    static final int FETCH_SIZE = 500;

    // Rows of the Merkle log's time carry no chain link: the chain is the rows that have one.
    private static final String VERDICTS = "select " + VerdictRows.COLUMNS + " from verdict where row_hash is not null"
            + " order by chain_seq";
    private static final String POLICY_EVENTS = "select chain_seq, version, action, actor, at, detail, prev_hash,"
            + " row_hash from policy_event where row_hash is not null order by chain_seq";

    private interface RowReader {
        ChainLink read(ResultSet row) throws SQLException;
    }

    private final PreparedStatement statement;
    private final ResultSet rows;
    private final RowReader reader;
    private ChainLink next;

    private ChainCursor(Connection connection, String sql, RowReader reader) throws SQLException {
        this.statement = connection.prepareStatement(sql);
        this.statement.setFetchSize(FETCH_SIZE);
        this.rows = statement.executeQuery();
        this.reader = reader;
        advance();
    }

    static ChainCursor verdicts(Connection connection) throws SQLException {
        return new ChainCursor(connection, VERDICTS, ChainCursor::verdict);
    }

    static ChainCursor policyEvents(Connection connection) throws SQLException {
        return new ChainCursor(connection, POLICY_EVENTS, ChainCursor::policyEvent);
    }

    ChainLink peek() {
        return next;
    }

    ChainLink take() throws SQLException {
        ChainLink taken = next;
        advance();
        return taken;
    }

    private void advance() throws SQLException {
        next = rows.next() ? reader.read(rows) : null;
    }

    private static ChainLink verdict(ResultSet r) throws SQLException {
        VerdictRecord v = VerdictRows.read(r);
        return new ChainLink(v.chainSeq(), "verdict", v.verdictId().toString(), v.prevHash(), v.rowHash(),
                AuditHashes.ofVerdict(v));
    }

    private static ChainLink policyEvent(ResultSet r) throws SQLException {
        PolicyEventRecord e = new PolicyEventRecord(r.getLong("chain_seq"), r.getLong("version"),
                r.getString("action"), r.getString("actor"), instant(r, "at"), r.getString("detail"),
                r.getString("prev_hash"), r.getString("row_hash"));
        return new ChainLink(e.chainSeq(), "policy_event", Long.toString(e.chainSeq()), e.prevHash(), e.rowHash(),
                AuditHashes.ofPolicyEvent(e));
    }

    private static Instant instant(ResultSet r, String column) throws SQLException {
        return r.getObject(column, OffsetDateTime.class).toInstant();
    }

    @Override
    public void close() throws SQLException {
        try {
            rows.close();
        } finally {
            statement.close();
        }
    }
}
