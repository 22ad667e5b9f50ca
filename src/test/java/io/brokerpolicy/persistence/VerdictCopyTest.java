package io.brokerpolicy.persistence;

import static io.brokerpolicy.testsupport.Snapshots.aSnapshot;
import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.brokerpolicy.audit.AuditHashes;
import io.brokerpolicy.audit.StoredVerdict;
import io.brokerpolicy.domain.AccountSnapshot;
import io.brokerpolicy.domain.Verdict;
import io.brokerpolicy.intake.SnapshotParser;
import io.brokerpolicy.policy.ActivePolicy;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Rows go into PostgreSQL by COPY's text format, where a backslash, tab, newline or carriage return means
 * something: the stored text must still be the text written, byte for byte, for every character JSON may
 * carry (escapes inside strings, raw whitespace between tokens, characters beyond ASCII).
 */
@QuarkusTest
class VerdictCopyTest {

    @Inject
    VerdictStore store;
    @Inject
    ActivePolicy active;
    @Inject
    AgroalDataSource dataSource;

    @Test
    void textWithBackslashesTabsNewlinesAndNonAscii_isStoredAsWritten() throws Exception {
        String snapshotId = "copy-" + UUID.randomUUID();
        AccountSnapshot snapshot = new SnapshotParser(Clock.systemUTC()).parse(aSnapshot().put("snapshotId", snapshotId), "");
        Verdict verdict = active.get().policy().evaluate(snapshot);
        String json = "{\"snapshotId\":\"" + snapshotId + "\",\t\"odd\":\r\n\"back\\\\slash \\\"quoted\\\" \\t \\n \\r"
                + " \\\\N \\u0000 é ✓ 𝄞\",\n\"n\":\t1.50}";

        StoredVerdict stored = store.append(List.of(new VerdictStore.Evaluated(snapshot, json, AuditHashes.sha256(json),
                verdict))).get(0);

        assertThat(stored.created()).isTrue();
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement(
                     "select snapshot::text, verdict::text, snapshot_hash from verdict where verdict_id = ?::uuid")) {
            select.setString(1, stored.verdictId());
            try (ResultSet row = select.executeQuery()) {
                assertThat(row.next()).isTrue();
                assertThat(row.getString(1)).isEqualTo(json);
                assertThat(row.getString(2)).isEqualTo(stored.verdictJson());
                assertThat(row.getString(3)).isEqualTo(AuditHashes.sha256(json));
            }
        }
    }
}
