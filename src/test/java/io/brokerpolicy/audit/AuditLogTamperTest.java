package io.brokerpolicy.audit;

import static io.brokerpolicy.testsupport.Api.asCompliance;
import static io.brokerpolicy.testsupport.Snapshots.aSnapshot;
import static io.brokerpolicy.testsupport.Snapshots.withBalance;
import static io.brokerpolicy.testsupport.StoredVerdicts.evaluate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The audit log against a superuser of its database who edits, deletes or rolls back audit rows and then
 * recomputes every hash the database keeps ({@link DatabaseOwner}). Verification finds each change and
 * names the first bad leaf, from the signed checkpoints and the checkpoint folder it cannot reach. Each
 * test puts the database back as it was, and verification is whole again.
 */
@QuarkusTest
class AuditLogTamperTest {

    static final List<String> RECORD_TABLES = List.of("verdict", "policy_event", "policy_file", "audit_read",
            "audit_access", "audit_log_seal");

    @Inject
    DataSource dataSource;

    DatabaseOwner owner;
    String verdictId;
    long verdictSeq;

    @BeforeEach
    void threeVerdictsUnderASignedCheckpoint() throws SQLException {
        owner = new DatabaseOwner();
        evaluate(aSnapshot());
        verdictId = evaluate(withBalance(aSnapshot(), "250.00"));
        evaluate(aSnapshot());
        checkpointNow();
        verdictSeq = owner.longOf("select chain_seq from verdict where verdict_id = '" + verdictId + "'");
    }

    @AfterEach
    void theRestoredDatabase_verifiesAgain() throws SQLException {
        try {
            JsonPath after = verify();
            assertThat(after.getBoolean("ok")).as("verify after restoring: %s", after.prettify()).isTrue();
        } finally {
            owner.close();
        }
    }

    @Test
    void anUntouchedLog_verifiesEveryLeafAgainstEveryCheckpoint() {
        JsonPath result = verify();
        assertThat(result.getBoolean("ok")).isTrue();
        assertThat(result.getLong("treeSize")).isPositive();
        assertThat(result.getLong("checked")).isEqualTo(result.getLong("treeSize"));
        assertThat(result.getLong("checkpointsChecked")).isPositive();
        assertThat(result.getMap("brokenAt")).isNull();
    }

    @Test
    void theServicesRole_isRefusedChangesToAuditRowsAndTheTree() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            for (String change : List.of("update verdict set status = 'HEALTHY'", "delete from audit_read",
                    "update audit_log_leaf set leaf_hash = leaf_hash", "delete from audit_log_node",
                    "delete from audit_checkpoint", "update audit_log_seal set record = record",
                    "alter table audit_log_leaf disable trigger user")) {
                assertThatThrownBy(() -> s.executeUpdate(change)).as(change).isInstanceOf(SQLException.class)
                        .satisfies(e -> assertThat(e.getMessage()).containsAnyOf("permission denied", "must be owner"));
            }
        }
    }

    @Test
    void evenTheOwner_isRefusedUpdateDeleteAndTruncateOfAuditRowsAndTheTree_byTheTriggers() throws SQLException {
        try (Connection c = io.brokerpolicy.testsupport.AsOwner.connection(); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeUpdate("update verdict set status = 'HEALTHY' where chain_seq = " + verdictSeq))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
            assertThatThrownBy(() -> s.executeUpdate("delete from verdict where chain_seq = " + verdictSeq))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
            assertThatThrownBy(() -> s.executeUpdate("update policy_file set content = 'x'"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
            assertThatThrownBy(() -> s.executeUpdate("delete from audit_read"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
            assertThatThrownBy(() -> s.executeUpdate("update audit_log_leaf set leaf_hash = leaf_hash"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
            assertThatThrownBy(() -> s.executeUpdate("delete from audit_log_node"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
            assertThatThrownBy(() -> s.executeUpdate("delete from audit_checkpoint"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
            assertThatThrownBy(() -> s.executeUpdate("truncate verdict cascade"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
        }
    }

    /** (a) */
    @Test
    void aVerdictEdited_withEveryHashInTheDatabaseRecomputed_isNamedAtItsLeaf() throws SQLException {
        long leaf = leafOf("verdict", verdictSeq);
        String status = owner.stringOf("select status from verdict where chain_seq = " + verdictSeq);
        String document = owner.stringOf("select verdict::text from verdict where chain_seq = " + verdictSeq);
        owner.tamper(s -> {
            s.execute("create temp table kept_checkpoint as select * from audit_checkpoint");
            s.executeUpdate("update verdict set status = 'HEALTHY', verdict = replace(verdict::text, '\"" + status
                    + "\"', '\"HEALTHY\"')::json where chain_seq = " + verdictSeq);
            owner.recomputeEveryHash(s);
            s.executeUpdate("delete from audit_checkpoint");
        });
        try {
            JsonPath result = verify();
            assertThat(result.getBoolean("ok")).isFalse();
            assertThat(result.getLong("brokenAt.leafIndex")).isEqualTo(leaf);
            assertThat(result.getString("brokenAt.table")).isEqualTo("verdict");
            assertThat(result.getString("brokenAt.id")).isEqualTo(verdictId);
            assertThat(result.getString("brokenAt.reason")).contains("checkpoint folder recorded", "changed afterwards");
            assertThat(result.getLong("checked")).isEqualTo(leaf);
            asCompliance().post("/api/v1/audit/checkpoints").then().statusCode(409);
        } finally {
            owner.tamper(s -> {
                s.executeUpdate("update verdict set status = '" + status + "', verdict = '" + document.replace("'", "''")
                        + "'::json where chain_seq = " + verdictSeq);
                owner.recomputeEveryHash(s);
                s.executeUpdate("insert into audit_checkpoint select * from kept_checkpoint");
                s.execute("drop table kept_checkpoint");
            });
        }
    }

    /** (b) */
    @Test
    void theLastTenVerdictsDeleted_andTheHeadRewound_areFoundFromTheFirstOfThem() throws SQLException {
        long first = -1;
        for (int i = 0; i < 10; i++) {
            String id = evaluate(aSnapshot());
            if (first < 0) {
                first = owner.longOf("select chain_seq from verdict where verdict_id = '" + id + "'");
            }
        }
        checkpointNow();
        long cut = leafOf("verdict", first);
        cutTheLogAt(cut);
        try {
            JsonPath result = verify();
            assertThat(result.getBoolean("ok")).isFalse();
            assertThat(result.getLong("brokenAt.leafIndex")).isEqualTo(cut);
            assertThat(result.getString("brokenAt.reason")).contains("the database holds " + cut);
            assertThat(result.getLong("treeSize")).isEqualTo(cut);
        } finally {
            putBackTheCut();
        }
    }

    /** (c) */
    @Test
    void aDumpFromBeforeTheLastCheckpointRestored_isFoundFromWhereTheDumpEnds() throws SQLException {
        long earlier = checkpointNow();
        evaluate(aSnapshot());
        evaluate(aSnapshot());
        evaluate(aSnapshot());
        long last = checkpointNow();
        long dumpedAt = earlier + 2;
        assertThat(last).isGreaterThan(dumpedAt);
        cutTheLogAt(dumpedAt);
        try {
            JsonPath result = verify();
            assertThat(result.getBoolean("ok")).isFalse();
            assertThat(result.getLong("brokenAt.leafIndex")).isEqualTo(dumpedAt);
            assertThat(result.getString("brokenAt.reason")).contains("older copy");
            assertThat(result.getLong("checkpointsChecked")).isPositive();
        } finally {
            putBackTheCut();
        }
    }

    /** (d) */
    @Test
    void aStoredPolicyFileEdited_withEveryHashRecomputed_isNamedAtItsLeaf() throws SQLException {
        long fileId = owner.longOf("select min(id) from policy_file where path like 'rules/%'");
        long leaf = leafOf("policy_file", fileId);
        String content = owner.stringOf("select content from policy_file where id = " + fileId);
        owner.tamper(s -> {
            s.execute("create temp table kept_checkpoint as select * from audit_checkpoint");
            s.executeUpdate("update policy_file set content = content || E'\\n// edited afterwards' where id = " + fileId);
            owner.recomputeEveryHash(s);
            s.executeUpdate("delete from audit_checkpoint");
        });
        try {
            JsonPath result = verify();
            assertThat(result.getBoolean("ok")).isFalse();
            assertThat(result.getLong("brokenAt.leafIndex")).isEqualTo(leaf);
            assertThat(result.getString("brokenAt.table")).isEqualTo("policy_file");
            assertThat(result.getString("brokenAt.id")).startsWith("version ").contains("rules/");
        } finally {
            owner.tamper(s -> {
                try (var update = s.getConnection().prepareStatement("update policy_file set content = ? where id = ?")) {
                    update.setString(1, content);
                    update.setLong(2, fileId);
                    update.executeUpdate();
                }
                owner.recomputeEveryHash(s);
                s.executeUpdate("insert into audit_checkpoint select * from kept_checkpoint");
                s.execute("drop table kept_checkpoint");
            });
        }
    }

    /** (e) */
    @Test
    void anAuditReadDeleted_isNamedAtItsLeaf() throws SQLException {
        verify();
        checkpointNow();
        long readId = owner.longOf("select max(source_id) from audit_log_leaf where kind = 'audit_read'");
        long leaf = leafOf("audit_read", readId);
        owner.tamper(s -> {
            s.execute("create temp table kept_read as select * from audit_read where id = " + readId);
            s.executeUpdate("delete from audit_read where id = " + readId);
        });
        try {
            JsonPath result = verify();
            assertThat(result.getBoolean("ok")).isFalse();
            assertThat(result.getLong("brokenAt.leafIndex")).isEqualTo(leaf);
            assertThat(result.getString("brokenAt.table")).isEqualTo("audit_read");
            assertThat(result.getString("brokenAt.reason")).contains("deleted after it was logged");
        } finally {
            owner.tamper(s -> {
                s.executeUpdate("insert into audit_read overriding system value select * from kept_read");
                s.execute("drop table kept_read");
            });
        }
    }

    @Test
    void aVerdictAddedBehindTheLogsBack_isNamed() throws SQLException {
        long forgedSeq = owner.longOf("select nextval('audit_record_seq')");
        owner.tamper(s -> s.executeUpdate("insert into verdict (chain_seq, verdict_id, snapshot_id, snapshot_hash,"
                + " account_id, broker_id, account_type, status, policy_version, policy_hash, as_of, evaluated_at,"
                + " snapshot, verdict) select " + forgedSeq + ", gen_random_uuid(), 'forged-' || gen_random_uuid(),"
                + " snapshot_hash, account_id, broker_id, account_type, 'HEALTHY', policy_version, policy_hash, as_of,"
                + " evaluated_at, snapshot, verdict from verdict where chain_seq = " + verdictSeq));
        try {
            JsonPath result = verify();
            assertThat(result.getBoolean("ok")).isFalse();
            assertThat(result.getString("brokenAt.table")).isEqualTo("verdict");
            assertThat(result.getString("brokenAt.id")).isEqualTo(Long.toString(forgedSeq));
            assertThat(result.getString("brokenAt.reason")).contains("in no leaf");
        } finally {
            owner.tamper(s -> s.executeUpdate("delete from verdict where chain_seq = " + forgedSeq));
        }
    }

    /** Removes every leaf from {@code cut} on, the rows they stand for, their checkpoints, and rewinds the tree to fit. */
    private void cutTheLogAt(long cut) throws SQLException {
        owner.tamper(s -> {
            for (String table : RECORD_TABLES) {
                String key = LoggedKind.of(table).key();
                String logged = " where " + key + " in (select source_id from audit_log_leaf where kind = '" + table
                        + "' and leaf_index >= " + cut + ")";
                s.execute("create temp table kept_" + table + " as select * from " + table + logged);
                s.executeUpdate("delete from " + table + logged);
            }
            s.execute("create temp table kept_leaf as select * from audit_log_leaf where leaf_index >= " + cut);
            s.execute("create temp table kept_node as select * from audit_log_node");
            s.execute("create temp table kept_head as select * from audit_log_head");
            s.execute("create temp table kept_checkpoint as select * from audit_checkpoint where tree_size > " + cut);
            s.executeUpdate("delete from audit_log_leaf where leaf_index >= " + cut);
            s.executeUpdate("delete from audit_checkpoint where tree_size > " + cut);
            owner.rebuildTree(s, owner.storedLeafHashes(s));
        });
    }

    private void putBackTheCut() throws SQLException {
        owner.tamper(s -> {
            for (String table : RECORD_TABLES) {
                s.executeUpdate("insert into " + table + " overriding system value select * from kept_" + table);
                s.execute("drop table kept_" + table);
            }
            s.executeUpdate("insert into audit_log_leaf select * from kept_leaf");
            s.executeUpdate("delete from audit_log_node");
            s.executeUpdate("insert into audit_log_node select * from kept_node");
            s.executeUpdate("update audit_log_head h set tree_size = k.tree_size, root_hash = k.root_hash from kept_head k");
            s.executeUpdate("insert into audit_checkpoint select * from kept_checkpoint");
            for (String kept : List.of("kept_leaf", "kept_node", "kept_head", "kept_checkpoint")) {
                s.execute("drop table " + kept);
            }
        });
    }

    private long leafOf(String table, long key) throws SQLException {
        return owner.longOf("select leaf_index from audit_log_leaf where kind = '" + table + "' and source_id = " + key);
    }

    private static long checkpointNow() {
        return asCompliance().post("/api/v1/audit/checkpoints").then().statusCode(org.hamcrest.Matchers.oneOf(200, 201))
                .extract().jsonPath().getLong("treeSize");
    }

    private static JsonPath verify() {
        return asCompliance().get("/api/v1/audit/verify").then().statusCode(200).extract().jsonPath();
    }
}
