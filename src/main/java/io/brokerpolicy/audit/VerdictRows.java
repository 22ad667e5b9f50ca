package io.brokerpolicy.audit;

import io.brokerpolicy.persistence.VerdictEntity;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.UUID;

/** Reads verdict rows from plain JDBC result sets (the streaming reads), into detached entities. */
final class VerdictRows {

    /** Every column, in the order of the table. */
    static final String COLUMNS = "chain_seq, verdict_id, snapshot_id, snapshot_hash, account_id, broker_id,"
            + " account_type, status, policy_version, policy_hash, as_of, evaluated_at, snapshot, verdict, prev_hash,"
            + " row_hash";

    private VerdictRows() {
    }

    static VerdictEntity read(ResultSet r) throws SQLException {
        VerdictEntity v = new VerdictEntity();
        v.chainSeq = r.getLong("chain_seq");
        v.verdictId = r.getObject("verdict_id", UUID.class);
        v.snapshotId = r.getString("snapshot_id");
        v.snapshotHash = r.getString("snapshot_hash");
        v.accountId = r.getString("account_id");
        v.brokerId = r.getString("broker_id");
        v.accountType = r.getString("account_type");
        v.status = r.getString("status");
        v.policyVersion = r.getLong("policy_version");
        v.policyHash = r.getString("policy_hash");
        v.asOf = r.getObject("as_of", OffsetDateTime.class).toInstant();
        v.evaluatedAt = r.getObject("evaluated_at", OffsetDateTime.class).toInstant();
        v.snapshot = r.getString("snapshot");
        v.verdict = r.getString("verdict");
        v.prevHash = r.getString("prev_hash");
        v.rowHash = r.getString("row_hash");
        return v;
    }
}
