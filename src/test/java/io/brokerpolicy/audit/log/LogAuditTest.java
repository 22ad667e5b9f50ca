package io.brokerpolicy.audit.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The check of rows against signed checkpoints, fed leaves as the database would give them back after
 * each kind of tampering by someone who can rewrite every row and hash in the database, but not the
 * signing key nor the checkpoint folder.
 */
class LogAuditTest {

    static final String ORIGIN = "test.example/log";

    @TempDir
    Path dir;
    final CheckpointSigner signer = new CheckpointSigner(ORIGIN, Ed25519Keys.generate());
    InMemoryLog log;
    List<CheckpointEntry> checkpoints;
    CheckpointFolder folder;

    @BeforeEach
    void aLogOf100LeavesWithCheckpointsAt40And100() {
        log = InMemoryLog.ofSize(100);
        checkpoints = List.of(entryAt(40), entryAt(100));
        folder = CheckpointFolder.open(dir);
        folder.appendLeafHashes(log.leafHashes);
    }

    @Test
    void untouchedRows_agreeWithEveryCheckpoint() {
        LogAudit.Result result = audit(leaves(log.records), folder);
        assertThat(result.ok()).isTrue();
        assertThat(result.checked()).isEqualTo(100);
        assertThat(result.checkpointsChecked()).isEqualTo(2);
    }

    @Test
    void aRowEditedWithEveryDatabaseHashRecomputed_isNamedByTheFolder() {
        List<byte[]> records = new ArrayList<>(log.records);
        records.set(57, "edited".getBytes());
        LogAudit.Result result = audit(leaves(records), folder);
        assertThat(result.ok()).isFalse();
        assertThat(result.brokenAt().leafIndex()).isEqualTo(57);
        assertThat(result.brokenAt().reason()).contains("checkpoint folder recorded");
        assertThat(result.checked()).isEqualTo(57);
    }

    @Test
    void withoutTheFolder_theEditIsStillFound_betweenTheCheckpointsAroundIt() {
        List<byte[]> records = new ArrayList<>(log.records);
        records.set(57, "edited".getBytes());
        LogAudit.Result result = audit(leaves(records), null);
        assertThat(result.ok()).isFalse();
        assertThat(result.brokenAt().leafIndex()).isEqualTo(40);
        assertThat(result.brokenAt().reason()).contains("leaves 40 to 99", "tree size 100");
    }

    @Test
    void theLastRowsRemovedAndEveryHashRewound_areFoundAgainstTheLastCheckpoint() {
        LogAudit.Result result = audit(leaves(log.records.subList(0, 90)), null);
        assertThat(result.ok()).isFalse();
        assertThat(result.brokenAt().leafIndex()).isEqualTo(90);
        assertThat(result.brokenAt().reason()).contains("covers 100 leaves", "holds 90");
    }

    @Test
    void theLastRowsRemovedWithTheDatabasesCheckpoints_areFoundByTheFolder() {
        LogAudit audit = new LogAudit(signer.publicKey(), List.of(checkpoints.get(0)).iterator(), folder);
        leaves(log.records.subList(0, 90)).forEach(audit::next);
        LogAudit.Result result = audit.finish();
        assertThat(result.brokenAt().leafIndex()).isEqualTo(90);
        assertThat(result.brokenAt().reason()).contains("folder recorded 100 leaves");
    }

    @Test
    void aLeafRemovedFromTheMiddle_isNamed() {
        List<LogAudit.Leaf> leaves = new ArrayList<>(leaves(log.records));
        leaves.remove(23);
        LogAudit.Result result = audit(leaves, folder);
        assertThat(result.brokenAt().leafIndex()).isEqualTo(23);
        assertThat(result.brokenAt().reason()).contains("missing from the log");
    }

    @Test
    void aCheckpointNotSignedByTheLogsKey_breaksTheLog() {
        CheckpointSigner forger = new CheckpointSigner(ORIGIN, Ed25519Keys.generate());
        CompactRange range = CompactRange.empty();
        log.leafHashes.subList(0, 40).forEach(h -> range.append(h, (n, x) -> { }));
        CheckpointEntry forged = new CheckpointEntry(forger.sign(new Checkpoint(ORIGIN, 40, range.root())),
                Instant.now(), range.frontierHashes());
        LogAudit audit = new LogAudit(signer.publicKey(), List.of(forged).iterator(), null);
        leaves(log.records).forEach(audit::next);
        assertThat(audit.finish().brokenAt().reason()).contains("not signed by the log's key");
    }

    @Test
    void theDatabasesAndTheFoldersCheckpoints_mergeInSizeOrder() {
        var merged = LogAudit.merged(List.of(List.of(entryAt(10), entryAt(70)).iterator(),
                List.of(entryAt(5), entryAt(70), entryAt(99)).iterator()));
        List<Long> sizes = new ArrayList<>();
        merged.forEachRemaining(c -> sizes.add(c.treeSize()));
        assertThat(sizes).containsExactly(5L, 10L, 70L, 70L, 99L);
    }

    private LogAudit.Result audit(List<LogAudit.Leaf> leaves, CheckpointFolder outside) {
        LogAudit audit = new LogAudit(signer.publicKey(), checkpoints.iterator(), outside);
        for (LogAudit.Leaf leaf : leaves) {
            if (!audit.next(leaf)) {
                break;
            }
        }
        return audit.finish();
    }

    /** The leaves as the database gives them back, with the stored hashes recomputed to match the rows. */
    private static List<LogAudit.Leaf> leaves(List<byte[]> records) {
        List<LogAudit.Leaf> leaves = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            byte[] hash = MerkleHashing.leafHash(records.get(i));
            leaves.add(new LogAudit.Leaf(i, "verdict", "v" + i, hash, hash, null));
        }
        return leaves;
    }

    private CheckpointEntry entryAt(int size) {
        CompactRange range = CompactRange.empty();
        log.leafHashes.subList(0, size).forEach(h -> range.append(h, (n, x) -> { }));
        return new CheckpointEntry(signer.sign(new Checkpoint(ORIGIN, size, range.root())), Instant.now(),
                range.frontierHashes());
    }
}
