package io.brokerpolicy.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.brokerpolicy.audit.log.CheckpointEntry;
import io.brokerpolicy.audit.log.CheckpointSigner;
import io.brokerpolicy.audit.log.MerkleHashing;
import io.brokerpolicy.audit.log.MerkleTree;
import io.brokerpolicy.audit.log.NodeId;
import io.brokerpolicy.audit.log.NodeRange;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Proofs of the audit log, for anyone who trusts the log's public key and nothing else: that a record is
 * a leaf of a signed checkpoint (RFC 9162 §2.1.3), and that a later tree extends an earlier one (§2.1.4).
 * Each proof reads O(log n) stored subtree hashes in one query, whatever the size of the log.
 */
@ApplicationScoped
public class AuditProofs {

    private static final Base64.Encoder BASE64 = Base64.getEncoder();

    @Inject
    DataSource dataSource;
    @Inject
    AuditLogKeys keys;

    /** A signed checkpoint as the API shows it (docs/api.md, "Verdicts and the audit log"). */
    @JsonPropertyOrder({"treeSize", "rootHash", "body", "signature", "keyId", "keyName", "timestamp", "note"})
    public record CheckpointView(long treeSize, String rootHash, String body, String signature, String keyId,
                                 String keyName, String timestamp, String note) {

        public static CheckpointView of(CheckpointEntry entry) {
            return new CheckpointView(entry.treeSize(), BASE64.encodeToString(entry.rootHash()),
                    entry.signed().checkpoint().body(), BASE64.encodeToString(entry.signed().signature()),
                    entry.signed().keyIdHex(), entry.signed().keyName(), entry.timestamp().toString(), entry.signed().note());
        }
    }

    /** That one record is leaf {@code leafIndex} of the tree the checkpoint signs. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"kind", "id", "leafIndex", "leafHash", "record", "auditPath", "checkpoint"})
    public record InclusionProof(String kind, String id, long leafIndex, String leafHash, String record,
                                 List<String> auditPath, CheckpointView checkpoint) {
    }

    @JsonPropertyOrder({"first", "second", "proof"})
    public record ConsistencyProof(long first, long second, List<String> proof) {
    }

    @JsonPropertyOrder({"keyId", "algorithm", "publicKey", "origin", "noteVerifierKey"})
    public record PublicKeyView(String keyId, String algorithm, String publicKey, String origin, String noteVerifierKey) {
    }

    public PublicKeyView publicKey() {
        CheckpointSigner signer = keys.signer();
        return new PublicKeyView(signer.keyIdHex(), "Ed25519", signer.publicKeyBase64(), signer.origin(),
                signer.noteVerifierKey());
    }

    public Optional<CheckpointView> latestCheckpoint() {
        try (Connection connection = dataSource.getConnection()) {
            return CheckpointRows.latest(connection).map(CheckpointView::of);
        } catch (SQLException e) {
            throw new IllegalStateException("the checkpoints could not be read: " + e.getMessage(), e);
        }
    }

    /**
     * The proof that a record is in the log, against the newest checkpoint; empty while the record is not
     * yet under a signed checkpoint (it becomes one within seconds, or at once on a checkpoint request).
     */
    public Optional<InclusionProof> inclusion(LoggedKind kind, long key) {
        try (Connection connection = dataSource.getConnection()) {
            return ReadOnlySnapshot.run(connection, () -> {
                Optional<byte[]> leafHash = Optional.empty();
                long leafIndex = -1;
                try (PreparedStatement select = connection.prepareStatement(
                        "select leaf_index, leaf_hash from audit_log_leaf where kind = ? and source_id = ?")) {
                    select.setString(1, kind.table());
                    select.setLong(2, key);
                    try (ResultSet r = select.executeQuery()) {
                        if (r.next()) {
                            leafIndex = r.getLong(1);
                            leafHash = Optional.of(r.getBytes(2));
                        }
                    }
                }
                Optional<CheckpointEntry> checkpoint = CheckpointRows.latest(connection);
                if (leafHash.isEmpty() || checkpoint.isEmpty() || checkpoint.get().treeSize() <= leafIndex) {
                    return Optional.empty();
                }
                LoggedRecord record = LoggedRecords.read(connection, kind, List.of(key)).get(key);
                if (record == null) {
                    throw new IllegalStateException(kind.table() + " " + key + " is logged but its row is gone");
                }
                List<NodeRange> plan = MerkleTree.inclusionPlan(leafIndex, checkpoint.get().treeSize());
                List<byte[]> path = MerkleTree.resolve(plan, nodes(connection, MerkleTree.nodesOf(plan)));
                return Optional.of(new InclusionProof(kind.table(), record.id(), leafIndex,
                        BASE64.encodeToString(MerkleHashing.leafHash(record.bytes())),
                        BASE64.encodeToString(record.bytes()), encode(path), CheckpointView.of(checkpoint.get())));
            });
        } catch (SQLException e) {
            throw new IllegalStateException("the proof could not be read: " + e.getMessage(), e);
        }
    }

    /**
     * The proofs of many verdicts against one checkpoint, reading the subtree hashes of all of them in one
     * query; null for a verdict not under the checkpoint.
     */
    static List<InclusionProof> inclusions(Connection connection, List<VerdictRecord> rows, List<LogPosition> positions,
                                           CheckpointEntry checkpoint) throws SQLException {
        List<List<NodeRange>> plans = new ArrayList<>(rows.size());
        Set<NodeId> wanted = new java.util.HashSet<>();
        for (LogPosition position : positions) {
            List<NodeRange> plan = position == null || position.leafIndex() >= checkpoint.treeSize() ? null
                    : MerkleTree.inclusionPlan(position.leafIndex(), checkpoint.treeSize());
            plans.add(plan);
            if (plan != null) {
                wanted.addAll(MerkleTree.nodesOf(plan));
            }
        }
        Map<NodeId, byte[]> nodes = nodes(connection, wanted);
        CheckpointView view = CheckpointView.of(checkpoint);
        List<InclusionProof> proofs = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            if (plans.get(i) == null) {
                proofs.add(null);
                continue;
            }
            LoggedRecord record = LoggedRecords.of(rows.get(i));
            proofs.add(new InclusionProof(record.kind().table(), record.id(), positions.get(i).leafIndex(),
                    positions.get(i).leafHashBase64(), BASE64.encodeToString(record.bytes()),
                    encode(MerkleTree.resolve(plans.get(i), nodes)), view));
        }
        return proofs;
    }

    /** Where a record sits in the log, if it is in the tree yet. */
    public Optional<LogPosition> position(LoggedKind kind, long key) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "select leaf_index, leaf_hash from audit_log_leaf where kind = ? and source_id = ?")) {
            select.setString(1, kind.table());
            select.setLong(2, key);
            try (ResultSet r = select.executeQuery()) {
                return r.next() ? Optional.of(new LogPosition(r.getLong(1), r.getBytes(2))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the audit log could not be read: " + e.getMessage(), e);
        }
    }

    /** The proof that the tree of {@code second} leaves extends the tree of {@code first}; both at most the tree's size. */
    public ConsistencyProof consistency(long first, long second) {
        try (Connection connection = dataSource.getConnection()) {
            return ReadOnlySnapshot.run(connection, () -> {
                long size = treeSize(connection);
                if (first < 1 || second < first || second > size) {
                    throw new IllegalArgumentException("first must be at least 1 and at most second, and second at most"
                            + " the tree's size " + size + " (got first=" + first + ", second=" + second + ")");
                }
                List<NodeRange> plan = MerkleTree.consistencyPlan(first, second);
                return new ConsistencyProof(first, second,
                        encode(MerkleTree.resolve(plan, nodes(connection, MerkleTree.nodesOf(plan)))));
            });
        } catch (SQLException e) {
            throw new IllegalStateException("the proof could not be read: " + e.getMessage(), e);
        }
    }

    private static long treeSize(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("select tree_size from audit_log_head where id = 1");
             ResultSet r = select.executeQuery()) {
            return r.next() ? r.getLong(1) : 0;
        }
    }

    /** The stored hashes of the given subtrees: leaves from audit_log_leaf, larger subtrees from audit_log_node. */
    static Map<NodeId, byte[]> nodes(Connection connection, Set<NodeId> wanted) throws SQLException {
        Map<NodeId, byte[]> found = new HashMap<>();
        List<Long> leaves = new ArrayList<>();
        List<Short> levels = new ArrayList<>();
        List<Long> indexes = new ArrayList<>();
        for (NodeId node : wanted) {
            if (node.level() == 0) {
                leaves.add(node.index());
            } else {
                levels.add((short) node.level());
                indexes.add(node.index());
            }
        }
        if (!leaves.isEmpty()) {
            Array array = connection.createArrayOf("bigint", leaves.toArray());
            try (PreparedStatement select = connection.prepareStatement(
                    "select leaf_index, leaf_hash from audit_log_leaf where leaf_index = any(?)")) {
                select.setArray(1, array);
                try (ResultSet r = select.executeQuery()) {
                    while (r.next()) {
                        found.put(new NodeId(0, r.getLong(1)), r.getBytes(2));
                    }
                }
            } finally {
                array.free();
            }
        }
        if (!levels.isEmpty()) {
            Array levelArray = connection.createArrayOf("smallint", levels.toArray());
            Array indexArray = connection.createArrayOf("bigint", indexes.toArray());
            try (PreparedStatement select = connection.prepareStatement("select n.level, n.idx, n.hash from audit_log_node n"
                    + " join unnest(?::smallint[], ?::bigint[]) as wanted (level, idx)"
                    + " on n.level = wanted.level and n.idx = wanted.idx")) {
                select.setArray(1, levelArray);
                select.setArray(2, indexArray);
                try (ResultSet r = select.executeQuery()) {
                    while (r.next()) {
                        found.put(new NodeId(r.getShort(1), r.getLong(2)), r.getBytes(3));
                    }
                }
            } finally {
                levelArray.free();
                indexArray.free();
            }
        }
        return found;
    }

    private static List<String> encode(List<byte[]> hashes) {
        return hashes.stream().map(BASE64::encodeToString).toList();
    }
}
