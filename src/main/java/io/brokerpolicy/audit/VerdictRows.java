package io.brokerpolicy.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.UUID;

/** Reads verdict rows from plain JDBC result sets (the streaming reads), into records. */
final class VerdictRows {

    /** Every column, in the order of the table. */
    static final String COLUMNS = "chain_seq, verdict_id, snapshot_id, snapshot_hash, account_id, broker_id,"
            + " account_type, status, policy_version, policy_hash, as_of, evaluated_at, snapshot, verdict, prev_hash,"
            + " row_hash";

    private VerdictRows() {
    }

    static VerdictRecord read(ResultSet r) throws SQLException {
        return new VerdictRecord(r.getLong("chain_seq"), r.getObject("verdict_id", UUID.class),
                r.getString("snapshot_id"), r.getString("snapshot_hash"), r.getString("account_id"),
                r.getString("broker_id"), r.getString("account_type"), r.getString("status"),
                r.getLong("policy_version"), r.getString("policy_hash"),
                r.getObject("as_of", OffsetDateTime.class).toInstant(),
                r.getObject("evaluated_at", OffsetDateTime.class).toInstant(), r.getString("snapshot"),
                r.getString("verdict"), r.getString("prev_hash"), r.getString("row_hash"));
    }
}
