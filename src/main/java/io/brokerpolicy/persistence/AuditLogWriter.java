package io.brokerpolicy.persistence;

import io.agroal.api.AgroalDataSource;
import io.brokerpolicy.audit.AuditLogKeys;
import io.brokerpolicy.audit.CheckpointRows;
import io.brokerpolicy.audit.LoggedKind;
import io.brokerpolicy.audit.LoggedRecord;
import io.brokerpolicy.audit.LoggedRecords;
import io.brokerpolicy.audit.log.Checkpoint;
import io.brokerpolicy.audit.log.CheckpointEntry;
import io.brokerpolicy.audit.log.CheckpointFolder;
import io.brokerpolicy.audit.log.CompactRange;
import io.brokerpolicy.audit.log.MerkleHashing;
import io.brokerpolicy.config.AuditLogConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.MessageDigest;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * The one writer of the audit log's tree, as Trillian's sequencer: records are written and committed by
 * whoever makes them, each with an entry in audit_log_queue, and this takes queued entries in batches, gives
 * them the next leaf indexes, stores their leaf hashes and the subtree hashes they complete, moves the head,
 * and signs checkpoints. Writers never wait for it: a batch of ten thousand verdicts blocks no single one.
 *
 * <p>It trusts its own copy of the tree, kept in the checkpoint folder, over the database: each
 * transaction first checks that the database's head is this copy or an extension of it (another replica
 * sequenced meanwhile) whose leaves lead to the head's root. A database that was rewound, restored from an
 * older copy or had its hashes recomputed is refused: nothing is appended and nothing is signed until it is
 * whole again, and the refusal is logged and shown by verification.
 */
@ApplicationScoped
public class AuditLogWriter {

    private static final Logger LOG = Logger.getLogger(AuditLogWriter.class);
    private static final String LOCK_HEAD = "select tree_size, root_hash from audit_log_head where id = 1 for update";

    @Inject
    AgroalDataSource dataSource;
    @Inject
    AuditLogKeys keys;
    @Inject
    AuditLogConfig config;
    @Inject
    Clock clock;

    AuditLogWriter() {
        // for the container
    }

    /** A writer outside the container, for tools such as the append benchmark. */
    public AuditLogWriter(AgroalDataSource dataSource, AuditLogKeys keys, AuditLogConfig config, Clock clock) {
        this.dataSource = dataSource;
        this.keys = keys;
        this.config = config;
        this.clock = clock;
    }

    /** The tree as this process last saw it, in step with the checkpoint folder; null until first used. */
    private CompactRange range;
    private volatile String refusal;
    private volatile long treeSize;
    private volatile CheckpointEntry lastCheckpoint;

    /** Why the log refuses to grow, or null: what the last attempt found wrong with the database. */
    public String refusal() {
        return refusal;
    }

    public long treeSize() {
        return treeSize;
    }

    /** The newest checkpoint this process signed or saw, if any. */
    public Optional<CheckpointEntry> lastCheckpoint() {
        return Optional.ofNullable(lastCheckpoint);
    }

    /** Thrown when the database's tree is not an extension of the one this process recorded outside it. */
    public static final class LogRefusedException extends IllegalStateException {
        LogRefusedException(String message) {
            super(message);
        }
    }

    private record Head(long size, byte[] root) {
    }

    private record Queued(long queueId, LoggedKind kind, long key) {
    }

    /** Takes up to one batch of queued records into the tree; returns how many became leaves. */
    public synchronized int integrate() {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                Synced synced = lockAndSync(connection);
                List<Queued> queued = queued(connection, config.sequenceBatchSize());
                CompactRange next = synced.range.copy();
                List<byte[]> newHashes = new ArrayList<>(synced.caughtUp);
                int added = queued.isEmpty() ? 0 : append(connection, queued, next, newHashes);
                connection.commit();
                accept(next, newHashes);
                return added;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (LogRefusedException e) {
            refuse(e.getMessage());
            throw e;
        } catch (SQLException e) {
            throw new IllegalStateException("the audit log could not be extended: " + e.getMessage(), e);
        }
    }

    /**
     * Signs a checkpoint of the tree as it is now, unless one of this size exists already (then that one).
     * Returns empty for an empty tree. The checkpoint goes to the folder (forced to disk) before the database.
     */
    public synchronized Optional<Signed> checkpoint() {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                Synced synced = lockAndSync(connection);
                CompactRange now = synced.range;
                if (now.size() == 0) {
                    connection.commit();
                    accept(now, synced.caughtUp);
                    return Optional.empty();
                }
                Optional<CheckpointEntry> existing = CheckpointRows.ofSize(connection, now.size());
                if (existing.isPresent()) {
                    connection.commit();
                    accept(now, synced.caughtUp);
                    lastCheckpoint = newest(existing.get());
                    return Optional.of(new Signed(existing.get(), false));
                }
                accept(now, synced.caughtUp);
                requireSameKey(connection);
                CheckpointEntry entry = new CheckpointEntry(keys.signer().sign(new Checkpoint(keys.signer().origin(),
                        now.size(), now.root())), clock.instant(), now.frontierHashes());
                keys.folder().appendCheckpoint(entry);
                insert(connection, entry);
                connection.commit();
                lastCheckpoint = entry;
                return Optional.of(new Signed(entry, true));
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (LogRefusedException e) {
            refuse(e.getMessage());
            throw e;
        } catch (SQLException e) {
            throw new IllegalStateException("no checkpoint could be signed: " + e.getMessage(), e);
        }
    }

    /** A checkpoint, and whether this call signed it (false: one of that size existed). */
    public record Signed(CheckpointEntry entry, boolean created) {
    }

    /** Takes every record queued so far into the tree (and what writers add meanwhile, up to a bound), then signs. */
    public Optional<Signed> checkpointNow() {
        int rounds = 0;
        while (integrate() >= config.sequenceBatchSize() && ++rounds < 1_000) {
            // a full batch: there may be more
        }
        return checkpoint();
    }

    private record Synced(CompactRange range, List<byte[]> caughtUp) {
    }

    /**
     * Locks the head and checks it against this process's tree: equal, or an extension whose stored leaf
     * hashes lead to the head's root (another replica sequenced them). Anything else is refused.
     */
    private Synced lockAndSync(Connection connection) throws SQLException {
        Head head = lockHead(connection);
        if (range == null) {
            range = resumeFromFolder();
            treeSize = range.size();
        }
        if (head.size() < range.size()) {
            throw new LogRefusedException("the database's audit log holds " + head.size() + " leaves, but "
                    + range.size() + " are recorded in the checkpoint folder " + keys.folder().path().toAbsolutePath()
                    + ": the database was rewound or restored from an older copy; nothing is appended or signed until"
                    + " the missing leaves are back");
        }
        CompactRange extended = range;
        List<byte[]> caughtUp = new ArrayList<>();
        if (head.size() > range.size()) {
            extended = range.copy();
            readLeafHashes(connection, range.size(), head.size(), extended, caughtUp);
        }
        if (!MessageDigest.isEqual(extended.root(), head.root())) {
            throw new LogRefusedException("the database's audit log head (" + head.size() + " leaves, root "
                    + Base64.getEncoder().encodeToString(head.root()) + ") is not the tree recorded in the checkpoint"
                    + " folder (root " + Base64.getEncoder().encodeToString(extended.root()) + "): the log's hashes were"
                    + " rewritten in the database; nothing is appended or signed until it is whole again");
        }
        return new Synced(extended, caughtUp);
    }

    /** One log, one key: a replica with a key of its own would sign checkpoints that verification must reject. */
    private void requireSameKey(Connection connection) throws SQLException {
        Optional<CheckpointEntry> latest = CheckpointRows.latest(connection);
        if (latest.isPresent() && !latest.get().signed().keyIdHex().equals(keys.signer().keyIdHex())) {
            throw new LogRefusedException("this log's checkpoints are signed by key " + latest.get().signed().keyIdHex()
                    + " (" + latest.get().signed().keyName() + "), but this service holds key " + keys.signer().keyIdHex()
                    + " (" + keys.signer().origin() + "): give every replica the same signing key file"
                    + " (brokerpolicy.audit.signing-key-file) and origin");
        }
    }

    /** The tree recorded in the folder: its last checkpoint's compact range, plus the leaf hashes written after it. */
    private CompactRange resumeFromFolder() {
        CheckpointFolder folder = keys.folder();
        CompactRange resumed = CompactRange.empty();
        Optional<CheckpointEntry> last = folder.latest();
        if (last.isPresent() && last.get().treeSize() <= folder.leafCount()) {
            CompactRange atCheckpoint = CompactRange.resume(last.get().treeSize(), last.get().frontier());
            if (MessageDigest.isEqual(atCheckpoint.root(), last.get().rootHash())
                    && last.get().signed().verifiedBy(keys.signer().publicKey())) {
                resumed = atCheckpoint;
            }
        }
        return extendFromFolder(resumed);
    }

    private CompactRange extendFromFolder(CompactRange resumed) {
        CheckpointFolder folder = keys.folder();
        long at = resumed.size();
        while (at < folder.leafCount()) {
            List<byte[]> hashes = folder.leafHashes(at, 65_536);
            hashes.forEach(h -> resumed.append(h, (node, hash) -> { }));
            at += hashes.size();
        }
        return resumed;
    }

    private void readLeafHashes(Connection connection, long from, long to, CompactRange into, List<byte[]> hashes)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "select leaf_index, leaf_hash from audit_log_leaf where leaf_index >= ? and leaf_index < ? order by leaf_index")) {
            select.setFetchSize(10_000);
            select.setLong(1, from);
            select.setLong(2, to);
            try (ResultSet r = select.executeQuery()) {
                long expected = from;
                while (r.next()) {
                    if (r.getLong(1) != expected) {
                        throw new LogRefusedException("leaf " + expected + " is missing from the database's audit log");
                    }
                    byte[] hash = r.getBytes(2);
                    into.append(hash, (node, h) -> { });
                    hashes.add(hash);
                    expected++;
                }
                if (expected != to) {
                    throw new LogRefusedException("leaf " + expected + " is missing from the database's audit log");
                }
            }
        }
    }

    private int append(Connection connection, List<Queued> queued, CompactRange next, List<byte[]> newHashes)
            throws SQLException {
        Map<LoggedKind, List<Long>> keysByKind = new LinkedHashMap<>();
        queued.forEach(q -> keysByKind.computeIfAbsent(q.kind(), k -> new ArrayList<>()).add(q.key()));
        Map<LoggedKind, Map<Long, LoggedRecord>> records = new LinkedHashMap<>();
        Map<LoggedKind, Set<Long>> alreadyLogged = new LinkedHashMap<>();
        for (Map.Entry<LoggedKind, List<Long>> kind : keysByKind.entrySet()) {
            records.put(kind.getKey(), LoggedRecords.read(connection, kind.getKey(), kind.getValue()));
            alreadyLogged.put(kind.getKey(), logged(connection, kind.getKey(), kind.getValue()));
        }
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        List<Long> leafIndexes = new ArrayList<>(queued.size());
        List<String> leafKinds = new ArrayList<>(queued.size());
        List<Long> leafKeys = new ArrayList<>(queued.size());
        List<byte[]> leafHashes = new ArrayList<>(queued.size());
        List<Short> nodeLevels = new ArrayList<>(queued.size());
        List<Long> nodeIndexes = new ArrayList<>(queued.size());
        List<byte[]> nodeHashes = new ArrayList<>(queued.size());
        for (Queued q : queued) {
            LoggedRecord record = records.get(q.kind()).get(q.key());
            if (record == null || !alreadyLogged.get(q.kind()).add(q.key())) {
                LOG.warnf("audit log: queued %s %d %s; left out of the log", q.kind().table(), q.key(),
                        record == null ? "has no row (deleted before it was logged)" : "is logged already");
                continue;
            }
            byte[] leafHash = MerkleHashing.leafHash(record.bytes());
            leafIndexes.add(next.append(leafHash, (node, hash) -> {
                nodeLevels.add((short) node.level());
                nodeIndexes.add(node.index());
                nodeHashes.add(hash);
            }));
            leafKinds.add(q.kind().table());
            leafKeys.add(q.key());
            leafHashes.add(leafHash);
            newHashes.add(leafHash);
        }
        // One statement a table whatever the batch's size: arrays, unnested by the server.
        if (!leafIndexes.isEmpty()) {
            try (PreparedStatement leaves = connection.prepareStatement("insert into audit_log_leaf (leaf_index, kind,"
                    + " source_id, leaf_hash, integrated_at) select i, k, s, h, ? from unnest(?::bigint[], ?::text[],"
                    + " ?::bigint[], ?::bytea[]) as l (i, k, s, h)")) {
                leaves.setObject(1, now);
                leaves.setArray(2, connection.createArrayOf("bigint", leafIndexes.toArray()));
                leaves.setArray(3, connection.createArrayOf("text", leafKinds.toArray()));
                leaves.setArray(4, connection.createArrayOf("bigint", leafKeys.toArray()));
                leaves.setArray(5, connection.createArrayOf("bytea", leafHashes.toArray(new byte[0][])));
                leaves.executeUpdate();
            }
        }
        if (!nodeLevels.isEmpty()) {
            try (PreparedStatement nodes = connection.prepareStatement("insert into audit_log_node (level, idx, hash)"
                    + " select * from unnest(?::smallint[], ?::bigint[], ?::bytea[])")) {
                nodes.setArray(1, connection.createArrayOf("smallint", nodeLevels.toArray()));
                nodes.setArray(2, connection.createArrayOf("bigint", nodeIndexes.toArray()));
                nodes.setArray(3, connection.createArrayOf("bytea", nodeHashes.toArray(new byte[0][])));
                nodes.executeUpdate();
            }
        }
        try (PreparedStatement head = connection.prepareStatement(
                "update audit_log_head set tree_size = ?, root_hash = ?, updated_at = ? where id = 1");
             PreparedStatement dequeue = connection.prepareStatement("delete from audit_log_queue where queue_id = any(?)")) {
            head.setLong(1, next.size());
            head.setBytes(2, next.root());
            head.setObject(3, now);
            head.executeUpdate();
            Array ids = connection.createArrayOf("bigint", queued.stream().map(Queued::queueId).toArray());
            dequeue.setArray(1, ids);
            dequeue.executeUpdate();
            ids.free();
        }
        return leafIndexes.size();
    }

    private static Set<Long> logged(Connection connection, LoggedKind kind, List<Long> keys) throws SQLException {
        Set<Long> logged = new HashSet<>();
        Array array = connection.createArrayOf("bigint", keys.toArray());
        try (PreparedStatement select = connection.prepareStatement(
                "select source_id from audit_log_leaf where kind = ? and source_id = any(?)")) {
            select.setString(1, kind.table());
            select.setArray(2, array);
            try (ResultSet r = select.executeQuery()) {
                while (r.next()) {
                    logged.add(r.getLong(1));
                }
            }
        } finally {
            array.free();
        }
        return logged;
    }

    private static List<Queued> queued(Connection connection, int limit) throws SQLException {
        List<Queued> queued = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                "select queue_id, kind, source_id from audit_log_queue order by queue_id limit ?")) {
            select.setInt(1, limit);
            try (ResultSet r = select.executeQuery()) {
                while (r.next()) {
                    queued.add(new Queued(r.getLong(1), LoggedKind.of(r.getString(2)), r.getLong(3)));
                }
            }
        }
        return queued;
    }

    private static Head lockHead(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(LOCK_HEAD); ResultSet r = select.executeQuery()) {
            if (!r.next()) {
                throw new LogRefusedException("the audit log has no head row (audit_log_head)");
            }
            return new Head(r.getLong(1), r.getBytes(2));
        }
    }

    private static void insert(Connection connection, CheckpointEntry entry) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("insert into audit_checkpoint (tree_size, root_hash,"
                + " body, key_name, key_id, signature, signed_at, frontier) values (?, ?, ?, ?, ?, ?, ?, ?)"
                + " on conflict (tree_size) do nothing")) {
            insert.setLong(1, entry.treeSize());
            insert.setBytes(2, entry.rootHash());
            insert.setString(3, entry.signed().checkpoint().body());
            insert.setString(4, entry.signed().keyName());
            insert.setString(5, entry.signed().keyIdHex());
            insert.setBytes(6, entry.signed().signature());
            insert.setObject(7, OffsetDateTime.ofInstant(entry.timestamp(), ZoneOffset.UTC));
            insert.setBytes(8, CheckpointRows.join(entry.frontier()));
            insert.executeUpdate();
        }
    }

    /** After a commit: the folder gets the new leaf hashes, and this process's tree moves on. */
    private void accept(CompactRange next, List<byte[]> newHashes) {
        if (!newHashes.isEmpty()) {
            keys.folder().appendLeafHashes(newHashes);
        }
        range = next;
        treeSize = next.size();
        if (refusal != null) {
            LOG.infof("audit log: the database's tree is whole again at %d leaves; appending resumes", next.size());
        }
        refusal = null;
    }

    private CheckpointEntry newest(CheckpointEntry seen) {
        CheckpointEntry known = lastCheckpoint;
        return known == null || seen.treeSize() > known.treeSize() ? seen : known;
    }

    private void refuse(String why) {
        if (!why.equals(refusal)) {
            LOG.error("audit log: " + why);
        }
        refusal = why;
    }
}
