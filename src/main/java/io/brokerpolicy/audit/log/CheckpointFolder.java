package io.brokerpolicy.audit.log;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * The copy of the log kept outside the database, in a folder the database's owner cannot write: every
 * leaf hash in order ({@value #LEAF_HASHES}, 32 bytes a leaf, so leaf i is at offset 32·i) and every signed
 * checkpoint ({@value #CHECKPOINTS}, one JSON object a line). Both files are only ever appended to.
 * With them, a verification names the very leaf whose row changed even when every hash in the database was
 * recomputed, and finds rows deleted at the end even when the database's own checkpoints went with them.
 *
 * <p>A crash can leave half a hash or half a line at the end of a file; opening the folder cuts it off,
 * since nothing was acknowledged on the strength of it.
 */
public final class CheckpointFolder implements AutoCloseable {

    public static final String LEAF_HASHES = "leaf-hashes.bin";
    public static final String CHECKPOINTS = "checkpoints.ndjson";
    private static final int HASH = MerkleHashing.HASH_SIZE;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path folder;
    private final FileChannel leafHashes;
    private final FileChannel checkpoints;
    private long leafCount;

    private CheckpointFolder(Path folder, FileChannel leafHashes, FileChannel checkpoints, long leafCount) {
        this.folder = folder;
        this.leafHashes = leafHashes;
        this.checkpoints = checkpoints;
        this.leafCount = leafCount;
    }

    public static CheckpointFolder open(Path folder) {
        try {
            Files.createDirectories(folder);
            FileChannel hashes = FileChannel.open(folder.resolve(LEAF_HASHES), StandardOpenOption.CREATE,
                    StandardOpenOption.READ, StandardOpenOption.WRITE);
            long whole = hashes.size() / HASH * HASH;
            if (whole != hashes.size()) {
                hashes.truncate(whole);
            }
            FileChannel lines = FileChannel.open(folder.resolve(CHECKPOINTS), StandardOpenOption.CREATE,
                    StandardOpenOption.READ, StandardOpenOption.WRITE);
            lines.truncate(endOfLastLine(lines));
            return new CheckpointFolder(folder, hashes, lines, whole / HASH);
        } catch (IOException e) {
            throw new UncheckedIOException("the checkpoint folder " + folder.toAbsolutePath() + " could not be opened: "
                    + e.getMessage(), e);
        }
    }

    public Path path() {
        return folder;
    }

    /** How many leaf hashes the folder holds: leaves [0, leafCount). */
    public synchronized long leafCount() {
        return leafCount;
    }

    /** Appends the hashes of leaves [leafCount, leafCount + hashes.size()); written, not yet forced to disk. */
    public synchronized void appendLeafHashes(List<byte[]> hashes) {
        ByteBuffer buffer = ByteBuffer.allocate(hashes.size() * HASH);
        for (byte[] hash : hashes) {
            if (hash.length != HASH) {
                throw new IllegalArgumentException("a leaf hash has " + HASH + " bytes");
            }
            buffer.put(hash);
        }
        buffer.flip();
        try {
            long at = leafCount * HASH;
            while (buffer.hasRemaining()) {
                at += leafHashes.write(buffer, at);
            }
            leafCount += hashes.size();
        } catch (IOException e) {
            throw new UncheckedIOException("leaf hashes could not be appended to " + folder.resolve(LEAF_HASHES), e);
        }
    }

    /** The hashes of leaves [from, from + count), as many as the folder holds of them. */
    public synchronized List<byte[]> leafHashes(long from, int count) {
        long available = Math.max(0, Math.min(count, leafCount - from));
        List<byte[]> hashes = new ArrayList<>((int) available);
        if (available == 0) {
            return hashes;
        }
        ByteBuffer buffer = ByteBuffer.allocate((int) available * HASH);
        try {
            long at = from * HASH;
            while (buffer.hasRemaining()) {
                int read = leafHashes.read(buffer, at);
                if (read < 0) {
                    throw new IOException("unexpected end of " + LEAF_HASHES);
                }
                at += read;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("leaf hashes could not be read from " + folder.resolve(LEAF_HASHES), e);
        }
        buffer.flip();
        for (int i = 0; i < available; i++) {
            byte[] hash = new byte[HASH];
            buffer.get(hash);
            hashes.add(hash);
        }
        return hashes;
    }

    /**
     * Appends a checkpoint, after forcing the leaf hashes it covers to disk, and forces the line to disk too:
     * once this returns, the checkpoint survives a crash of the machine.
     */
    public synchronized void appendCheckpoint(CheckpointEntry entry) {
        if (entry.treeSize() > leafCount) {
            throw new IllegalStateException("checkpoint of " + entry.treeSize() + " leaves, but the folder holds "
                    + leafCount + " leaf hashes");
        }
        try {
            leafHashes.force(false);
            ByteBuffer line = ByteBuffer.wrap((JSON.writeValueAsString(toJson(entry)) + "\n").getBytes(StandardCharsets.UTF_8));
            long at = checkpoints.size();
            while (line.hasRemaining()) {
                at += checkpoints.write(line, at);
            }
            checkpoints.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("the checkpoint could not be appended to " + folder.resolve(CHECKPOINTS), e);
        }
    }

    /** The last checkpoint written, if any. */
    public synchronized Optional<CheckpointEntry> latest() {
        try {
            byte[] tail = tail(checkpoints, checkpoints.size());
            if (tail.length == 0) {
                return Optional.empty();
            }
            int start = tail.length - 1;
            while (start > 0 && tail[start - 1] != '\n') {
                start--;
            }
            String line = new String(tail, start, tail.length - start, StandardCharsets.UTF_8);
            return Optional.of(fromJson(JSON.readTree(line)));
        } catch (IOException e) {
            throw new UncheckedIOException("the checkpoints in " + folder.resolve(CHECKPOINTS) + " could not be read", e);
        }
    }

    /** Checkpoints read from the file one line at a time; close it when not read to the end. */
    public interface Checkpoints extends Iterator<CheckpointEntry>, AutoCloseable {
        @Override
        void close();
    }

    /** Every checkpoint in the order written, read a line at a time (there may be millions). */
    public Checkpoints checkpoints() {
        BufferedReader reader;
        try {
            reader = Files.newBufferedReader(folder.resolve(CHECKPOINTS), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Checkpoints() {
            private String next = read();

            @Override
            public void close() {
                try {
                    reader.close();
                } catch (IOException ignored) {
                    // only read from: nothing to lose
                }
            }

            private String read() {
                try {
                    String line = reader.readLine();
                    while (line != null && line.isBlank()) {
                        line = reader.readLine();
                    }
                    if (line == null) {
                        reader.close();
                    }
                    return line;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public CheckpointEntry next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                try {
                    return fromJson(JSON.readTree(next));
                } catch (IOException e) {
                    throw new UncheckedIOException("a line of " + CHECKPOINTS + " is not JSON", e);
                } finally {
                    next = read();
                }
            }
        };
    }

    static ObjectNode toJson(CheckpointEntry entry) {
        SignedCheckpoint signed = entry.signed();
        ObjectNode json = JSON.createObjectNode();
        json.put("treeSize", entry.treeSize());
        json.put("rootHash", Base64.getEncoder().encodeToString(entry.rootHash()));
        json.put("timestamp", entry.timestamp().toString());
        json.put("keyName", signed.keyName());
        json.put("keyId", signed.keyIdHex());
        json.put("body", signed.checkpoint().body());
        json.put("signature", Base64.getEncoder().encodeToString(signed.signature()));
        json.put("note", signed.note());
        ArrayNode frontier = json.putArray("frontier");
        entry.frontier().forEach(h -> frontier.add(Base64.getEncoder().encodeToString(h)));
        return json;
    }

    static CheckpointEntry fromJson(JsonNode json) {
        Checkpoint checkpoint = Checkpoint.parse(json.get("body").asText());
        SignedCheckpoint signed = new SignedCheckpoint(checkpoint, json.get("keyName").asText(),
                java.util.HexFormat.of().parseHex(json.get("keyId").asText()),
                Base64.getDecoder().decode(json.get("signature").asText()));
        List<byte[]> frontier = new ArrayList<>();
        json.path("frontier").forEach(h -> frontier.add(Base64.getDecoder().decode(h.asText())));
        return new CheckpointEntry(signed, Instant.parse(json.get("timestamp").asText()), frontier);
    }

    /** A line is a few kilobytes at most (a frontier has at most 64 hashes), so the last one lies in the tail. */
    private static final int TAIL = 1 << 16;

    private static byte[] tail(FileChannel channel, long end) throws IOException {
        int length = (int) Math.min(end, TAIL);
        ByteBuffer buffer = ByteBuffer.allocate(length);
        long at = end - length;
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer, at + buffer.position());
            if (read < 0) {
                break;
            }
        }
        return buffer.array();
    }

    private static long endOfLastLine(FileChannel channel) throws IOException {
        long end = channel.size();
        byte[] tail = tail(channel, end);
        for (int i = tail.length - 1; i >= 0; i--) {
            if (tail[i] == '\n') {
                return end - tail.length + i + 1;
            }
        }
        return end <= TAIL ? 0 : end;
    }

    @Override
    public synchronized void close() {
        try {
            leafHashes.close();
        } catch (IOException ignored) {
            // closing after use: nothing left to lose
        }
        try {
            checkpoints.close();
        } catch (IOException ignored) {
            // as above
        }
    }
}
