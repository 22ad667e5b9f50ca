package io.brokerpolicy.audit;

import static io.brokerpolicy.testsupport.Api.asCompliance;
import static io.brokerpolicy.testsupport.Snapshots.aSnapshot;
import static io.brokerpolicy.testsupport.Snapshots.withBalance;
import static io.brokerpolicy.testsupport.StoredVerdicts.evaluate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.brokerpolicy.testsupport.AsOwner;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The audit chain against tampering done directly in PostgreSQL. The service's own connection is
 * refused every change; the tampering itself is done as the table owner with the append-only trigger
 * switched off for the moment of the edit, then undone, so the chain is whole again for other tests.
 */
@QuarkusTest
class AuditChainVerifyTest {

    @Inject
    DataSource dataSource;

    private long middleSeq;

    @BeforeEach
    void aChainWithVerdictsOnBothSidesOfTheOneWeTamperWith() throws SQLException {
        evaluate(aSnapshot());
        String target = evaluate(withBalance(aSnapshot(), "250.00"));
        evaluate(aSnapshot());
        middleSeq = longOf("select chain_seq from verdict where verdict_id = '" + target + "'");
    }

    @Test
    void anUntouchedChain_verifiesEveryLink() throws SQLException {
        asCompliance().get("/api/v1/audit/verify").then().statusCode(200)
                .body("ok", org.hamcrest.Matchers.equalTo(true))
                .body("checked", org.hamcrest.Matchers.equalTo((int) headSeq()))
                .body("brokenAt", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void evenTheOwner_isRefusedUpdateDeleteAndTruncateOfAuditRows_byTheTriggers() throws SQLException {
        try (Connection c = AsOwner.connection(); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeUpdate("update verdict set status = 'HEALTHY' where chain_seq = " + middleSeq))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
            assertThatThrownBy(() -> s.executeUpdate("delete from verdict where chain_seq = " + middleSeq))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
            assertThatThrownBy(() -> s.executeUpdate("update policy_event set actor = 'someone else'"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
            assertThatThrownBy(() -> s.executeUpdate("delete from policy_event"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
            assertThatThrownBy(() -> s.executeUpdate("truncate verdict cascade"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
            assertThatThrownBy(() -> s.executeUpdate("delete from audit_read"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
        }
        assertThat(verify().getBoolean("ok")).isTrue();
    }

    @Test
    void aVerdictEditedInTheDatabase_isFoundAtItsLink() throws SQLException {
        String status = stringOf("select status from verdict where chain_seq = " + middleSeq);
        tamper("verdict", "update verdict set status = 'HEALTHY' where chain_seq = " + middleSeq);
        try {
            JsonPath result = verify();
            assertThat(result.getBoolean("ok")).isFalse();
            assertThat(result.getLong("brokenAt.chainSeq")).isEqualTo(middleSeq);
            assertThat(result.getString("brokenAt.table")).isEqualTo("verdict");
            assertThat(result.getString("brokenAt.reason")).contains("changed after it was written");
            assertThat(result.getLong("checked")).isEqualTo(middleSeq - 1);
        } finally {
            tamper("verdict", "update verdict set status = '" + status + "' where chain_seq = " + middleSeq);
        }
        assertThat(verify().getBoolean("ok")).isTrue();
    }

    @Test
    void theStoredVerdictTextEdited_isFound() throws SQLException {
        tamper("verdict", "update verdict set verdict = replace(verdict::text, '\"STOP_OUT\"', '\"MARGIN_CALL\"')::json"
                + " where chain_seq = " + middleSeq);
        try {
            assertThat(verify().getLong("brokenAt.chainSeq")).isEqualTo(middleSeq);
        } finally {
            tamper("verdict", "update verdict set verdict = replace(verdict::text, '\"MARGIN_CALL\"', '\"STOP_OUT\"')::json"
                    + " where chain_seq = " + middleSeq);
        }
        assertThat(verify().getBoolean("ok")).isTrue();
    }

    @Test
    void aPolicyEventEdited_isFound() throws SQLException {
        long eventSeq = longOf("select min(chain_seq) from policy_event");
        String actor = stringOf("select actor from policy_event where chain_seq = " + eventSeq);
        tamper("policy_event", "update policy_event set actor = 'nobody' where chain_seq = " + eventSeq);
        try {
            JsonPath result = verify();
            assertThat(result.getLong("brokenAt.chainSeq")).isEqualTo(eventSeq);
            assertThat(result.getString("brokenAt.table")).isEqualTo("policy_event");
        } finally {
            tamper("policy_event", "update policy_event set actor = '" + actor + "' where chain_seq = " + eventSeq);
        }
        assertThat(verify().getBoolean("ok")).isTrue();
    }

    @Test
    void aVerdictDeletedFromTheMiddle_isFoundAsAGap() throws SQLException {
        try (Connection c = AsOwner.connection(); Statement s = c.createStatement()) {
            s.execute("create temp table deleted_verdict as select * from verdict where chain_seq = " + middleSeq);
            tamper(c, "verdict", "delete from verdict where chain_seq = " + middleSeq);
            try {
                JsonPath result = verify();
                assertThat(result.getBoolean("ok")).isFalse();
                assertThat(result.getLong("brokenAt.chainSeq")).isEqualTo(middleSeq + 1);
                assertThat(result.getString("brokenAt.reason")).contains("chain_seq " + middleSeq + " is missing");
            } finally {
                s.execute("insert into verdict select * from deleted_verdict");
                s.execute("drop table deleted_verdict");
            }
        }
        assertThat(verify().getBoolean("ok")).isTrue();
    }

    @Test
    void theLastVerdictDeleted_isFoundAgainstTheChainHead() throws SQLException {
        long last = headSeq();
        try (Connection c = AsOwner.connection(); Statement s = c.createStatement()) {
            s.execute("create temp table deleted_verdict as select * from verdict where chain_seq = " + last);
            assertThat(longOf("select count(*) from deleted_verdict", c)).isEqualTo(1);
            tamper(c, "verdict", "delete from verdict where chain_seq = " + last);
            try {
                JsonPath result = verify();
                assertThat(result.getBoolean("ok")).isFalse();
                assertThat(result.getString("brokenAt.table")).isEqualTo("audit_chain_head");
                assertThat(result.getLong("checked")).isEqualTo(last - 1);
            } finally {
                s.execute("insert into verdict select * from deleted_verdict");
                s.execute("drop table deleted_verdict");
            }
        }
        assertThat(verify().getBoolean("ok")).isTrue();
    }

    @Test
    void aForgedVerdictWithACorrectHash_appendedBehindTheHead_isFound() throws SQLException {
        long head = headSeq();
        VerdictRecord copied = readVerdict(middleSeq);
        UUID forgedId = UUID.randomUUID();
        VerdictRecord forged = new VerdictRecord(0, forgedId, "forged-" + forgedId, copied.snapshotHash(),
                copied.accountId(), copied.brokerId(), copied.accountType(), copied.status(), copied.policyVersion(),
                copied.policyHash(), copied.asOf(), copied.evaluatedAt(), copied.snapshot(), copied.verdict(), null, null)
                .linkedAfter(head + 1, stringOf("select last_hash from audit_chain_head"));
        insert(forged);
        try {
            JsonPath result = verify();
            assertThat(result.getBoolean("ok")).isFalse();
            assertThat(result.getLong("brokenAt.chainSeq")).isEqualTo(head + 1);
            assertThat(result.getString("brokenAt.id")).isEqualTo(forged.verdictId().toString());
            assertThat(result.getString("brokenAt.reason")).contains("beyond the chain head");
        } finally {
            tamper("verdict", "delete from verdict where chain_seq = " + forged.chainSeq());
        }
        assertThat(verify().getBoolean("ok")).isTrue();
    }

    @Test
    void aForgedPolicyEventSlippedIntoAnExistingLink_isFound() throws SQLException {
        long version = longOf("select min(version) from policy_version");
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "insert into policy_event (chain_seq, version, action, actor, at, detail, prev_hash, row_hash)"
                        + " select ?, ?, 'ACTIVATED', 'mallory', now(), 'forged', prev_hash, row_hash from verdict"
                        + " where chain_seq = ?")) {
            s.setLong(1, middleSeq);
            s.setLong(2, version);
            s.setLong(3, middleSeq);
            s.executeUpdate();
        }
        try {
            JsonPath result = verify();
            assertThat(result.getBoolean("ok")).isFalse();
            assertThat(result.getLong("brokenAt.chainSeq")).isEqualTo(middleSeq);
            assertThat(result.getString("brokenAt.reason")).contains("used twice");
        } finally {
            tamper("policy_event", "delete from policy_event where chain_seq = " + middleSeq + " and actor = 'mallory'");
        }
        assertThat(verify().getBoolean("ok")).isTrue();
    }

    private static JsonPath verify() {
        return asCompliance().get("/api/v1/audit/verify").then().statusCode(200).extract().jsonPath();
    }

    /** Runs a change as the table owner with the append-only trigger off for just this transaction. */
    private void tamper(String table, String sql) throws SQLException {
        try (Connection c = AsOwner.connection()) {
            tamper(c, table, sql);
        }
    }

    private static void tamper(Connection c, String table, String sql) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("alter table " + table + " disable trigger " + table + "_append_only");
            s.executeUpdate(sql);
            s.execute("alter table " + table + " enable trigger " + table + "_append_only");
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    private VerdictRecord readVerdict(long seq) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("select " + VerdictRows.COLUMNS + " from verdict where chain_seq = " + seq)) {
            r.next();
            return VerdictRows.read(r);
        }
    }

    private void insert(VerdictRecord v) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "insert into verdict (" + VerdictRows.COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::json,"
                        + " ?::json, ?, ?)")) {
            Object[] values = {v.chainSeq(), v.verdictId(), v.snapshotId(), v.snapshotHash(), v.accountId(),
                    v.brokerId(), v.accountType(), v.status(), v.policyVersion(), v.policyHash(),
                    java.sql.Timestamp.from(v.asOf()), java.sql.Timestamp.from(v.evaluatedAt()), v.snapshot(),
                    v.verdict(), v.prevHash(), v.rowHash()};
            for (int i = 0; i < values.length; i++) {
                s.setObject(i + 1, values[i]);
            }
            s.executeUpdate();
        }
    }

    private long headSeq() throws SQLException {
        return longOf("select last_seq from audit_chain_head");
    }

    private long longOf(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return longOf(sql, c);
        }
    }

    private static long longOf(String sql, Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    private String stringOf(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getString(1);
        }
    }
}
