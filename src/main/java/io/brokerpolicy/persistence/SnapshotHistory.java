package io.brokerpolicy.persistence;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** The snapshots stored with the verdicts: the input a simulation or a stress test replays. */
@ApplicationScoped
public class SnapshotHistory {

    /**
     * The newest stored snapshot of every account: the one with the latest {@code asOf} (the account's most recent
     * state, whatever order snapshots arrived in), the last stored one on a tie. Only the small columns are sorted;
     * the snapshots are then read by their chain position.
     */
    private static final String LATEST_PER_ACCOUNT = "select v.snapshot_id, v.account_id, v.snapshot from verdict v"
            + " join (select distinct on (account_id) chain_seq from verdict"
            + " order by account_id, as_of desc, chain_seq desc) latest on latest.chain_seq = v.chain_seq"
            + " order by v.account_id";

    @Inject
    AgroalDataSource dataSource;

    /** One stored input snapshot, as the exact JSON that was evaluated. */
    public record StoredSnapshot(String snapshotId, String accountId, String json) {
    }

    @Transactional
    public List<StoredSnapshot> newest(int count) {
        return VerdictEntity.getEntityManager()
                .createQuery("select v.snapshotId, v.accountId, v.snapshot from VerdictEntity v order by v.chainSeq desc",
                        Object[].class)
                .setMaxResults(count)
                .getResultStream()
                .map(row -> new StoredSnapshot((String) row[0], (String) row[1], (String) row[2]))
                .toList();
    }

    /**
     * Hands the latest stored snapshot of every account to {@code batches}, {@code batchSize} at a time in account
     * order, streamed from the database (a cursor, not the whole book in memory). Reads one consistent snapshot
     * of the table (a read-only repeatable-read transaction), so verdicts stored meanwhile are not half seen.
     *
     * @return the number of accounts read
     */
    public int latestPerAccount(int batchSize, Consumer<List<StoredSnapshot>> batches) {
        int count = 0;
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            int isolation = connection.getTransactionIsolation();
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            connection.setReadOnly(true);
            try (PreparedStatement select = connection.prepareStatement(LATEST_PER_ACCOUNT)) {
                select.setFetchSize(batchSize);
                try (ResultSet rs = select.executeQuery()) {
                    List<StoredSnapshot> batch = new ArrayList<>(batchSize);
                    while (rs.next()) {
                        batch.add(new StoredSnapshot(rs.getString(1), rs.getString(2), rs.getString(3)));
                        count++;
                        if (batch.size() == batchSize) {
                            batches.accept(batch);
                            batch = new ArrayList<>(batchSize);
                        }
                    }
                    if (!batch.isEmpty()) {
                        batches.accept(batch);
                    }
                }
            } finally {
                connection.rollback();
                connection.setReadOnly(false);
                connection.setTransactionIsolation(isolation);
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the stored snapshots: " + e.getMessage(), e);
        }
        return count;
    }
}
