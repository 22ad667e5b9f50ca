package io.brokerpolicy.audit;

import io.brokerpolicy.audit.log.CheckpointEntry;
import io.brokerpolicy.audit.log.CheckpointFolder;
import io.brokerpolicy.audit.log.LogAudit;
import io.brokerpolicy.audit.log.MerkleHashing;
import io.brokerpolicy.audit.log.UntilNull;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Verifies the whole audit log from the rows up: every row's record is hashed anew, in leaf order, and the
 * tree they make is checked against every signed checkpoint (the database's and those in the checkpoint
 * folder outside it) and against the leaf hashes the folder recorded as they were logged ({@link LogAudit}).
 * Then the database's head must be that tree, and every audit row must be a leaf or queued to become one.
 * An edited, deleted, inserted or rolled-back row is found, naming the first bad leaf, even when every hash
 * in the database was recomputed after it.
 *
 * <p>Reads one repeatable-read snapshot through cursors, one batch of rows at a time. The folder's limits
 * are taken before the snapshot begins: anything in the folder then was committed before it.
 */
@ApplicationScoped
public class AuditLogVerifier {

    static final int BATCH = 500;

    @Inject
    DataSource dataSource;
    @Inject
    AuditLogKeys keys;

    public LogVerification verify() {
        CheckpointFolder folder = keys.folder();
        // before the snapshot: whatever the folder holds now was committed before the snapshot begins
        long folderLeaves = folder.leafCount();
        long folderCheckpointLimit = folder.latest().map(CheckpointEntry::treeSize).orElse(-1L);
        try (Connection connection = dataSource.getConnection();
             CheckpointFolder.Checkpoints outside = folder.checkpoints()) {
            return ReadOnlySnapshot.run(connection, () -> {
                try (PreparedStatement checkpoints = connection.prepareStatement(
                        "select " + CheckpointRows.COLUMNS + " from audit_checkpoint order by tree_size")) {
                    checkpoints.setFetchSize(BATCH);
                    try (ResultSet databaseCheckpoints = checkpoints.executeQuery()) {
                        LogAudit audit = new LogAudit(keys.signer().publicKey(), LogAudit.merged(List.of(
                                rows(databaseCheckpoints), upTo(outside, folderCheckpointLimit))), folder, folderLeaves);
                        return walk(connection, audit);
                    }
                }
            });
        } catch (SQLException e) {
            throw new IllegalStateException("the audit log could not be read: " + e.getMessage(), e);
        }
    }

    private static LogVerification walk(Connection connection, LogAudit audit) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "select leaf_index, kind, source_id, leaf_hash from audit_log_leaf order by leaf_index")) {
            select.setFetchSize(BATCH);
            try (ResultSet leaves = select.executeQuery()) {
                List<StoredLeaf> batch = new ArrayList<>(BATCH);
                boolean going = true;
                while (going) {
                    batch.clear();
                    while (batch.size() < BATCH && leaves.next()) {
                        batch.add(new StoredLeaf(leaves.getLong(1), leaves.getString(2), leaves.getLong(3), leaves.getBytes(4)));
                    }
                    if (batch.isEmpty()) {
                        break;
                    }
                    going = check(connection, batch, audit);
                }
            }
        }
        LogAudit.Result result = audit.finish();
        LogVerification.BrokenAt broken = result.brokenAt() == null ? null : new LogVerification.BrokenAt(
                result.brokenAt().leafIndex(), result.brokenAt().table(), result.brokenAt().id(), result.brokenAt().reason());
        if (broken == null) {
            broken = headProblem(connection, audit);
        }
        if (broken == null) {
            broken = rowOutsideTheLog(connection);
        }
        return new LogVerification(broken == null, result.checked(), result.treeSize(), result.checkpointsChecked(),
                pending(connection), broken);
    }

    private record StoredLeaf(long index, String kind, long key, byte[] hash) {
    }

    private static boolean check(Connection connection, List<StoredLeaf> batch, LogAudit audit) throws SQLException {
        Map<LoggedKind, List<Long>> keysByKind = new LinkedHashMap<>();
        for (StoredLeaf leaf : batch) {
            LoggedKind kind = kindOf(leaf.kind());
            if (kind != null) {
                keysByKind.computeIfAbsent(kind, k -> new ArrayList<>()).add(leaf.key());
            }
        }
        Map<LoggedKind, Map<Long, LoggedRecord>> records = new LinkedHashMap<>();
        for (Map.Entry<LoggedKind, List<Long>> kind : keysByKind.entrySet()) {
            records.put(kind.getKey(), LoggedRecords.read(connection, kind.getKey(), kind.getValue()));
        }
        for (StoredLeaf leaf : batch) {
            LoggedKind kind = kindOf(leaf.kind());
            LoggedRecord record = kind == null ? null : records.get(kind).get(leaf.key());
            LogAudit.Leaf checked;
            if (kind == null) {
                checked = new LogAudit.Leaf(leaf.index(), leaf.kind(), Long.toString(leaf.key()), leaf.hash(), leaf.hash(),
                        "the leaf names a table the log does not know (" + leaf.kind() + ")");
            } else if (record == null) {
                checked = new LogAudit.Leaf(leaf.index(), kind.table(), Long.toString(leaf.key()), leaf.hash(), leaf.hash(),
                        "the " + kind.table() + " row " + kind.key() + " = " + leaf.key()
                                + " of this leaf is gone: it was deleted after it was logged");
            } else {
                checked = new LogAudit.Leaf(leaf.index(), kind.table(), record.id(),
                        MerkleHashing.leafHash(record.bytes()), leaf.hash(), null);
            }
            if (!audit.next(checked)) {
                return false;
            }
        }
        return true;
    }

    private static LoggedKind kindOf(String table) {
        try {
            return LoggedKind.of(table);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static LogVerification.BrokenAt headProblem(Connection connection, LogAudit audit) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("select tree_size, root_hash from audit_log_head where id = 1");
             ResultSet head = select.executeQuery()) {
            if (!head.next()) {
                return new LogVerification.BrokenAt(null, "audit_log_head", "1", "the log's head row is missing");
            }
            if (head.getLong(1) != audit.size() || !MessageDigest.isEqual(head.getBytes(2), audit.root())) {
                return new LogVerification.BrokenAt(head.getLong(1) > audit.size() ? audit.size() : null, "audit_log_head",
                        "1", "the head records " + head.getLong(1) + " leaves with root "
                        + Base64.getEncoder().encodeToString(head.getBytes(2)) + ", but the leaves give " + audit.size()
                        + " with root " + Base64.getEncoder().encodeToString(audit.root()));
            }
        }
        return null;
    }

    /** A row that is neither a leaf nor queued was added behind the log (or its queue entry removed). */
    private static LogVerification.BrokenAt rowOutsideTheLog(Connection connection) throws SQLException {
        for (LoggedKind kind : LoggedKind.values()) {
            String sql = "select t." + kind.key() + " from " + kind.table() + " t where not exists (select 1 from"
                    + " audit_log_leaf l where l.kind = ? and l.source_id = t." + kind.key() + ") and not exists (select 1"
                    + " from audit_log_queue q where q.kind = ? and q.source_id = t." + kind.key() + ") order by 1 limit 1";
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                select.setString(1, kind.table());
                select.setString(2, kind.table());
                try (ResultSet r = select.executeQuery()) {
                    if (r.next()) {
                        return new LogVerification.BrokenAt(null, kind.table(), Long.toString(r.getLong(1)), "the "
                                + kind.table() + " row " + kind.key() + " = " + r.getLong(1) + " is in no leaf and not"
                                + " queued for the log: it was added behind the log's back");
                    }
                }
            }
        }
        return null;
    }

    private static long pending(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("select count(*) from audit_log_queue");
             ResultSet r = select.executeQuery()) {
            r.next();
            return r.getLong(1);
        }
    }

    private static Iterator<CheckpointEntry> upTo(Iterator<CheckpointEntry> checkpoints, long limit) {
        return UntilNull.of(() -> {
            while (checkpoints.hasNext()) {
                CheckpointEntry entry = checkpoints.next();
                if (entry.treeSize() <= limit) {
                    return entry;
                }
            }
            return null;
        });
    }

    private static Iterator<CheckpointEntry> rows(ResultSet checkpoints) {
        return UntilNull.of(() -> {
            try {
                return checkpoints.next() ? CheckpointRows.read(checkpoints) : null;
            } catch (SQLException e) {
                throw new IllegalStateException("a checkpoint could not be read: " + e.getMessage(), e);
            }
        });
    }
}
