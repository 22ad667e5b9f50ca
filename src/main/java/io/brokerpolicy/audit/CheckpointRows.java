package io.brokerpolicy.audit;

import io.brokerpolicy.audit.log.Checkpoint;
import io.brokerpolicy.audit.log.CheckpointEntry;
import io.brokerpolicy.audit.log.MerkleHashing;
import io.brokerpolicy.audit.log.SignedCheckpoint;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/** Reads signed checkpoints from the table audit_checkpoint. */
public final class CheckpointRows {

    public static final String COLUMNS = "tree_size, body, key_name, key_id, signature, signed_at, frontier";

    private CheckpointRows() {
    }

    public static CheckpointEntry read(ResultSet r) throws SQLException {
        Checkpoint checkpoint = Checkpoint.parse(r.getString("body"));
        SignedCheckpoint signed = new SignedCheckpoint(checkpoint, r.getString("key_name"),
                HexFormat.of().parseHex(r.getString("key_id")), r.getBytes("signature"));
        return new CheckpointEntry(signed, r.getObject("signed_at", OffsetDateTime.class).toInstant(),
                split(r.getBytes("frontier")));
    }

    /** The newest checkpoint, if any. */
    public static Optional<CheckpointEntry> latest(Connection connection) throws SQLException {
        return one(connection, "select " + COLUMNS + " from audit_checkpoint order by tree_size desc limit 1", -1);
    }

    /** The checkpoint of exactly this tree size, if one was signed. */
    public static Optional<CheckpointEntry> ofSize(Connection connection, long treeSize) throws SQLException {
        return one(connection, "select " + COLUMNS + " from audit_checkpoint where tree_size = ?", treeSize);
    }

    private static Optional<CheckpointEntry> one(Connection connection, String sql, long parameter) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            if (parameter >= 0) {
                select.setLong(1, parameter);
            }
            try (ResultSet r = select.executeQuery()) {
                return r.next() ? Optional.of(read(r)) : Optional.empty();
            }
        }
    }

    public static byte[] join(List<byte[]> hashes) {
        byte[] joined = new byte[hashes.size() * MerkleHashing.HASH_SIZE];
        for (int i = 0; i < hashes.size(); i++) {
            System.arraycopy(hashes.get(i), 0, joined, i * MerkleHashing.HASH_SIZE, MerkleHashing.HASH_SIZE);
        }
        return joined;
    }

    static List<byte[]> split(byte[] joined) {
        List<byte[]> hashes = new ArrayList<>(joined.length / MerkleHashing.HASH_SIZE);
        for (int at = 0; at + MerkleHashing.HASH_SIZE <= joined.length; at += MerkleHashing.HASH_SIZE) {
            hashes.add(Arrays.copyOfRange(joined, at, at + MerkleHashing.HASH_SIZE));
        }
        return hashes;
    }
}
