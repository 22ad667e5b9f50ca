package io.brokerpolicy.audit;

import static io.brokerpolicy.testsupport.Api.asCompliance;
import static io.brokerpolicy.testsupport.Api.asEvaluator;
import static org.assertj.core.api.Assertions.assertThat;

import io.brokerpolicy.app.CurrentActor;
import io.brokerpolicy.testsupport.Api;
import io.brokerpolicy.testsupport.Snapshots;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AuditReadLogTest {

    @Inject
    AuditReadLog log;
    @Inject
    CurrentActor actor;
    @Inject
    DataSource dataSource;

    @Test
    void everyComplianceRead_isRecordedWithWhoWhatAndTheAnswer() {
        String verdictId = asEvaluator().contentType(ContentType.JSON).body(Snapshots.aSnapshot().toString())
                .post("/api/v1/evaluations").then().statusCode(201).extract().path("verdictId");
        asCompliance().get("/api/v1/verdicts/" + verdictId).then().statusCode(200);
        asCompliance().queryParam("accountId", "A-1042").queryParam("status", "STOP_OUT")
                .get("/api/v1/verdicts/00000000-0000-0000-0000-000000000000").then().statusCode(404);

        List<AuditReadLog.Read> newest = log.newest(2);
        assertThat(newest.get(0).actor()).isEqualTo(Api.COMPLIANCE);
        assertThat(newest.get(0).method()).isEqualTo("GET");
        assertThat(newest.get(0).path()).isEqualTo("/api/v1/verdicts/00000000-0000-0000-0000-000000000000");
        assertThat(newest.get(0).query()).isEqualTo("accountId=A-1042&status=STOP_OUT");
        assertThat(newest.get(0).status()).isEqualTo(404);
        assertThat(newest.get(1).path()).isEqualTo("/api/v1/verdicts/" + verdictId);
        assertThat(newest.get(1).status()).isEqualTo(200);
        assertThat(newest.get(1).query()).isNull();
    }

    @Test
    void evaluationsAreNotAuditReads_andARefusedReadShowsNoData() {
        int count = log.newest(1000).size();
        asEvaluator().contentType(ContentType.JSON).body(Snapshots.aSnapshot().toString())
                .post("/api/v1/evaluations").then().statusCode(201);
        assertThat(log.newest(1000)).hasSize(count);
        asEvaluator().get("/api/v1/verdicts").then().statusCode(403);
        // A refused attempt may or may not reach the recorder (it depends on where Quarkus refuses it); when it
        // does, it is recorded as the refusal it was.
        assertThat(log.newest(1000).subList(0, log.newest(1000).size() - count))
                .allSatisfy(read -> {
                    assertThat(read.status()).isEqualTo(403);
                    assertThat(read.actor()).isEqualTo(Api.EVALUATOR);
                });
    }

    @Test
    void theLogIsAppendOnly() throws SQLException {
        log.record("someone", "GET", "/api/v1/audit/verify", null, 200);
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> s.executeUpdate("delete from audit_read"))
                    .hasMessageContaining("append-only");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> s.executeUpdate("update audit_read set actor = 'x'"))
                    .hasMessageContaining("append-only");
        }
    }

    @Test
    void withoutASignedInUser_anonymous_andOutsideAnyRequest_theSystem() throws Exception {
        assertThat(actor.name()).isEqualTo(CurrentActor.ANONYMOUS);
        String[] onAThreadOfItsOwn = new String[1];
        Thread worker = new Thread(() -> onAThreadOfItsOwn[0] = actor.name());
        worker.start();
        worker.join();
        assertThat(onAThreadOfItsOwn[0]).isEqualTo(CurrentActor.SYSTEM);
    }
}
