package io.brokerpolicy.audit.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The log's copy outside the database: appended, read back after a restart, cut back to whole records after a crash. */
class CheckpointFolderTest {

    @TempDir
    Path folder;
    final CheckpointSigner signer = new CheckpointSigner("test.example/log", Ed25519Keys.generate());

    @Test
    void leafHashesAndCheckpoints_readBackAfterReopening_inOrder() {
        InMemoryLog log = InMemoryLog.ofSize(300);
        try (CheckpointFolder open = CheckpointFolder.open(folder)) {
            open.appendLeafHashes(log.leafHashes.subList(0, 100));
            open.appendCheckpoint(entryAt(log, 100));
            open.appendLeafHashes(log.leafHashes.subList(100, 300));
            open.appendCheckpoint(entryAt(log, 300));
        }
        try (CheckpointFolder reopened = CheckpointFolder.open(folder)) {
            assertThat(reopened.leafCount()).isEqualTo(300);
            assertThat(reopened.leafHashes(150, 10)).containsExactlyElementsOf(log.leafHashes.subList(150, 160));
            assertThat(reopened.leafHashes(295, 10)).hasSize(5);
            CheckpointEntry latest = reopened.latest().orElseThrow();
            assertThat(latest.treeSize()).isEqualTo(300);
            assertThat(latest.signed().verifiedBy(signer.publicKey())).isTrue();
            assertThat(CompactRange.resume(300, latest.frontier()).root()).isEqualTo(log.range.root());
            List<Long> sizes = new ArrayList<>();
            reopened.checkpoints().forEachRemaining(c -> sizes.add(c.treeSize()));
            assertThat(sizes).containsExactly(100L, 300L);
        }
    }

    @Test
    void halfARecordLeftByACrash_isCutOffWhenOpened() throws Exception {
        InMemoryLog log = InMemoryLog.ofSize(10);
        try (CheckpointFolder open = CheckpointFolder.open(folder)) {
            open.appendLeafHashes(log.leafHashes);
            open.appendCheckpoint(entryAt(log, 10));
        }
        Files.write(folder.resolve(CheckpointFolder.LEAF_HASHES), new byte[] {1, 2, 3}, StandardOpenOption.APPEND);
        Files.writeString(folder.resolve(CheckpointFolder.CHECKPOINTS), "{\"treeSize\": 11, \"ro", StandardOpenOption.APPEND);
        try (CheckpointFolder reopened = CheckpointFolder.open(folder)) {
            assertThat(reopened.leafCount()).isEqualTo(10);
            assertThat(reopened.latest().orElseThrow().treeSize()).isEqualTo(10);
            Iterator<CheckpointEntry> all = reopened.checkpoints();
            assertThat(all.next().treeSize()).isEqualTo(10);
            assertThat(all.hasNext()).isFalse();
        }
    }

    @Test
    void anEmptyFolder_hasNoCheckpoint() {
        try (CheckpointFolder open = CheckpointFolder.open(folder.resolve("new"))) {
            assertThat(open.leafCount()).isZero();
            assertThat(open.latest()).isEmpty();
            assertThat(open.checkpoints().hasNext()).isFalse();
        }
    }

    private CheckpointEntry entryAt(InMemoryLog log, int size) {
        CompactRange range = CompactRange.empty();
        log.leafHashes.subList(0, size).forEach(h -> range.append(h, (n, x) -> { }));
        return new CheckpointEntry(signer.sign(new Checkpoint("test.example/log", size, range.root())),
                Instant.parse("2026-11-21T14:00:00Z"), range.frontierHashes());
    }
}
