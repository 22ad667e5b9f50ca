package io.brokerpolicy.audit;

import static io.brokerpolicy.testsupport.Api.asEvaluator;
import static io.brokerpolicy.testsupport.Snapshots.aSnapshot;
import static io.brokerpolicy.testsupport.Snapshots.withBalance;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.brokerpolicy.persistence.VerdictEntity;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The fast paths (JDBC-batched appends, one lookup for a batch's known snapshotIds, group commit of single
 * requests, no shared lock between writers) keep what the slow ones promised: idempotency, answers in order,
 * and every verdict stored once and taken into the audit log, which verifies leaf by leaf.
 */
@QuarkusTest
class FastAppendTest {

    @Test
    void batchWithStoredAndRepeatedSnapshots_storesOnlyTheNewOnesAndAnswersInOrder() {
        ObjectNode known = withBalance(aSnapshot(), "250.00");
        String knownVerdictId = asEvaluator().contentType(ContentType.JSON).body(known.toString())
                .post("/api/v1/evaluations").then().statusCode(201).extract().path("verdictId");
        ObjectNode first = aSnapshot();
        ObjectNode second = withBalance(aSnapshot(), "300.00");
        ArrayNode batch = JsonNodeFactory.instance.arrayNode().add(first).add(known).add(second).add(first.deepCopy());
        long before = VerdictEntity.count();

        Response response = asEvaluator().contentType(ContentType.JSON).body(batch.toString())
                .post("/api/v1/evaluations/batch");

        response.then().statusCode(200);
        List<String> snapshotIds = response.path("snapshotId");
        List<String> verdictIds = response.path("verdictId");
        assertThat(snapshotIds).containsExactly(first.get("snapshotId").asText(), known.get("snapshotId").asText(),
                second.get("snapshotId").asText(), first.get("snapshotId").asText());
        assertThat(verdictIds.get(1)).isEqualTo(knownVerdictId);
        assertThat(verdictIds.get(3)).isEqualTo(verdictIds.get(0));
        assertThat(VerdictEntity.count()).isEqualTo(before + 2);
        assertEveryVerdictIsLoggedAndTheLogVerifies();
    }

    @Test
    void batchReusingAStoredSnapshotIdForOtherContent_isRefusedWholeAndStoresNothing() {
        ObjectNode known = aSnapshot();
        asEvaluator().contentType(ContentType.JSON).body(known.toString()).post("/api/v1/evaluations").then().statusCode(201);
        ObjectNode changed = withBalance(known.deepCopy(), "999.00");
        long before = VerdictEntity.count();

        asEvaluator().contentType(ContentType.JSON).body(JsonNodeFactory.instance.arrayNode().add(aSnapshot()).add(changed).toString())
                .post("/api/v1/evaluations/batch").then().statusCode(409);

        assertThat(VerdictEntity.count()).isEqualTo(before);
    }

    @Test
    void concurrentSingleRequests_areEachStoredOnceAndLogged() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(16);
        try {
            List<ObjectNode> snapshots = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                snapshots.add(withBalance(aSnapshot(), (i % 2 == 0 ? "250.00" : "1000.00")));
            }
            // Every snapshot twice, concurrently: one 201, one replay (200 or, if it raced, 201 then 200).
            List<Future<Integer>> answers = new ArrayList<>();
            long before = VerdictEntity.count();
            for (ObjectNode s : snapshots) {
                for (int copy = 0; copy < 2; copy++) {
                    answers.add(clients.submit(() -> asEvaluator().contentType(ContentType.JSON).body(s.toString())
                            .post("/api/v1/evaluations").then().extract().statusCode()));
                }
            }
            int created = 0;
            for (Future<Integer> answer : answers) {
                int status = answer.get();
                assertThat(status).isIn(200, 201);
                created += status == 201 ? 1 : 0;
            }
            assertThat(created).isEqualTo(snapshots.size());
            assertThat(VerdictEntity.count()).isEqualTo(before + snapshots.size());
            assertEveryVerdictIsLoggedAndTheLogVerifies();
        } finally {
            clients.shutdownNow();
        }
    }

    /** Every verdict row is a leaf of a signed checkpoint, and the log verifies against all of them. */
    void assertEveryVerdictIsLoggedAndTheLogVerifies() {
        LogCheck.Result log = LogCheck.verify();
        assertThat(log.problems()).isEmpty();
        assertThat(log.checked()).isGreaterThanOrEqualTo(VerdictEntity.count());
        assertThat(unloggedVerdicts()).isZero();
    }

    @Transactional
    long unloggedVerdicts() {
        return ((Number) VerdictEntity.getEntityManager().createNativeQuery("select count(*) from verdict v where not"
                + " exists (select 1 from audit_log_leaf l where l.kind = 'verdict' and l.source_id = v.chain_seq)")
                .getSingleResult()).longValue();
    }
}
