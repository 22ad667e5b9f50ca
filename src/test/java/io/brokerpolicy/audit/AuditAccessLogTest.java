package io.brokerpolicy.audit;

import static io.brokerpolicy.testsupport.Api.asCompliance;
import static io.brokerpolicy.testsupport.Api.asEvaluator;
import static org.assertj.core.api.Assertions.assertThat;

import io.brokerpolicy.app.CurrentActor;
import io.brokerpolicy.persistence.AuditAccessLog;
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
class AuditAccessLogTest {

    @Inject
    AuditAccessLog log;
    @Inject
    CurrentActor actor;
    @Inject
    DataSource dataSource;

    @Test
    void everyComplianceRead_isRecordedWithWhoWhatAndTheAnswer() throws InterruptedException {
        String verdictId = asEvaluator().contentType(ContentType.JSON).body(Snapshots.aSnapshot().toString())
                .post("/api/v1/evaluations").then().statusCode(201).extract().path("verdictId");
        asCompliance().get("/api/v1/verdicts/" + verdictId).then().statusCode(200);
        String missing = "/api/v1/verdicts/" + java.util.UUID.randomUUID();
        asCompliance().queryParam("accountId", "A-1042").queryParam("status", "STOP_OUT").get(missing)
                .then().statusCode(404);

        AuditAccessLog.Read found = recorded("/api/v1/verdicts/" + verdictId);
        assertThat(found.actor()).isEqualTo(Api.COMPLIANCE);
        assertThat(found.method()).isEqualTo("GET");
        assertThat(found.status()).isEqualTo(200);
        assertThat(found.query()).isNull();
        AuditAccessLog.Read notFound = recorded(missing);
        assertThat(notFound.actor()).isEqualTo(Api.COMPLIANCE);
        assertThat(notFound.query()).isEqualTo("accountId=A-1042&status=STOP_OUT");
        assertThat(notFound.status()).isEqualTo(404);
    }

    @Test
    void evaluationsAreNotAuditReads_andARefusedReadShowsNoData() {
        asEvaluator().contentType(ContentType.JSON).body(Snapshots.aSnapshot().toString())
                .post("/api/v1/evaluations").then().statusCode(201);
        asEvaluator().get("/api/v1/verdicts").then().statusCode(403);
        List<AuditAccessLog.Read> reads = log.newest(1000);
        assertThat(reads).noneMatch(read -> read.path().startsWith("/api/v1/evaluations"));
        // A refused attempt may or may not reach the recorder (it depends on where Quarkus refuses it); when it
        // does, it is recorded as the refusal it was.
        assertThat(reads).filteredOn(read -> read.actor().equals(Api.EVALUATOR))
                .allSatisfy(read -> assertThat(read.status()).isEqualTo(403));
    }

    /** An answer with an error is recorded beside it rather than before it (see AuditReadRecorder). */
    private AuditAccessLog.Read recorded(String path) throws InterruptedException {
        for (int attempt = 0; attempt < 100; attempt++) {
            java.util.Optional<AuditAccessLog.Read> read = log.newest(50).stream().filter(r -> r.path().equals(path)).findFirst();
            if (read.isPresent()) {
                return read.get();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no audit read recorded for " + path);
    }

    @Test
    void theLogIsAppendOnly() throws SQLException {
        log.record("someone", "GET", "/api/v1/audit/verify", null, 200);
        try (Connection c = io.brokerpolicy.testsupport.AsOwner.connection(); Statement s = c.createStatement()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> s.executeUpdate("delete from audit_access"))
                    .hasMessageContaining("append-only");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> s.executeUpdate("update audit_access set actor = 'x'"))
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
