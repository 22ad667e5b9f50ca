package io.brokerpolicy.audit;

import io.brokerpolicy.audit.log.CompactRange;
import io.brokerpolicy.audit.log.MerkleHashing;
import io.brokerpolicy.testsupport.AsOwner;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A database owner with a grudge: changes audit rows directly in PostgreSQL, connected as the owner of the
 * tables, with the append-only triggers
 * switched off, then covers the tracks by recomputing every hash the database keeps (leaf hashes, subtree
 * hashes, the head) with the service's own code, as anyone with the source could. What it cannot do is
 * sign a checkpoint or reach the checkpoint folder.
 *
 * <p>Everything runs on one connection holding the log's head lock, so the sequencer waits rather than
 * interleave; temporary tables of that connection keep what was removed, so a test can put it back.
 */
final class DatabaseOwner implements AutoCloseable {

    static final List<String> TABLES = List.of("verdict", "policy_event", "policy_file", "audit_read", "audit_access",
            "audit_log_seal", "audit_log_leaf", "audit_log_node", "audit_log_head", "audit_checkpoint", "audit_log_queue");

    interface Work {
        void run(Statement s) throws SQLException;
    }

    private final Connection connection;

    /** As the owner of the tables: the service's own role may not disable a trigger. */
    DatabaseOwner() throws SQLException {
        this.connection = AsOwner.connection();
    }

    /** Runs the work in one transaction that holds the head lock, with every user trigger of the audit tables off. */
    void tamper(Work work) throws SQLException {
        connection.setAutoCommit(false);
        try (Statement s = connection.createStatement()) {
            s.execute("select tree_size from audit_log_head where id = 1 for update");
            for (String table : TABLES) {
                s.execute("alter table " + table + " disable trigger user");
            }
            work.run(s);
            for (String table : TABLES) {
                s.execute("alter table " + table + " enable trigger user");
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    /** Every leaf hash from its row as it is now, every subtree hash and the head from those: the tree made to fit. */
    void recomputeEveryHash(Statement s) throws SQLException {
        List<byte[]> leafHashes = new ArrayList<>();
        List<long[]> leaves = new ArrayList<>();
        List<String> kinds = new ArrayList<>();
        try (ResultSet r = s.executeQuery("select leaf_index, kind, source_id from audit_log_leaf order by leaf_index")) {
            while (r.next()) {
                leaves.add(new long[] {r.getLong(1), r.getLong(3)});
                kinds.add(r.getString(2));
            }
        }
        try (PreparedStatement update = connection.prepareStatement(
                "update audit_log_leaf set leaf_hash = ? where leaf_index = ?")) {
            for (int i = 0; i < leaves.size(); i++) {
                LoggedKind kind = LoggedKind.of(kinds.get(i));
                Map<Long, LoggedRecord> record = LoggedRecords.read(connection, kind, List.of(leaves.get(i)[1]));
                byte[] hash = MerkleHashing.leafHash(record.get(leaves.get(i)[1]).bytes());
                leafHashes.add(hash);
                update.setBytes(1, hash);
                update.setLong(2, leaves.get(i)[0]);
                update.addBatch();
            }
            update.executeBatch();
        }
        rebuildTree(s, leafHashes);
    }

    /** The subtree table and the head rebuilt from the given leaf hashes, as if they had always been these. */
    void rebuildTree(Statement s, List<byte[]> leafHashes) throws SQLException {
        s.execute("delete from audit_log_node");
        CompactRange range = CompactRange.empty();
        try (PreparedStatement insert = connection.prepareStatement("insert into audit_log_node (level, idx, hash) values (?, ?, ?)")) {
            for (byte[] hash : leafHashes) {
                range.append(hash, (node, h) -> {
                    try {
                        insert.setShort(1, (short) node.level());
                        insert.setLong(2, node.index());
                        insert.setBytes(3, h);
                        insert.addBatch();
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                });
            }
            insert.executeBatch();
        }
        try (PreparedStatement head = connection.prepareStatement(
                "update audit_log_head set tree_size = ?, root_hash = ? where id = 1")) {
            head.setLong(1, range.size());
            head.setBytes(2, range.root());
            head.executeUpdate();
        }
    }

    /** The leaf hashes stored now, in leaf order. */
    List<byte[]> storedLeafHashes(Statement s) throws SQLException {
        List<byte[]> hashes = new ArrayList<>();
        try (ResultSet r = s.executeQuery("select leaf_hash from audit_log_leaf order by leaf_index")) {
            while (r.next()) {
                hashes.add(r.getBytes(1));
            }
        }
        return hashes;
    }

    long longOf(String sql) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    String stringOf(String sql) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getString(1);
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
