package io.brokerpolicy.audit;

import static io.brokerpolicy.testsupport.Api.asCompliance;
import static io.brokerpolicy.testsupport.StoredVerdicts.goldenSnapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.brokerpolicy.domain.AccountSnapshot;
import io.brokerpolicy.engine.CompiledPolicy;
import io.brokerpolicy.intake.Json;
import io.brokerpolicy.intake.SnapshotParser;
import io.brokerpolicy.persistence.VerdictStore;
import io.brokerpolicy.policy.ActivePolicy;
import io.brokerpolicy.testsupport.Api;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Exports of a range of 20,000 stop-out verdicts (three positions, two close-out steps each: about
 * 4 KB a line as NDJSON), stored through the real VerdictStore. The export must hold all of them, in
 * order, and stream: the heap, measured after a full GC at several points while the client reads,
 * must never grow by anything like the size of the export.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VerdictExportTest {

    private static final Logger LOG = Logger.getLogger(VerdictExportTest.class);
    private static final int VERDICTS = 20_000;
    private static final int BATCH = 1_000;

    @Inject
    VerdictStore store;
    @Inject
    javax.sql.DataSource dataSource;
    @Inject
    ActivePolicy active;
    @Inject
    Clock clock;
    @TestHTTPResource("/api/v1/verdicts/export")
    URL exportUrl;

    private Instant from;
    private Instant to;
    private final List<String> snapshotIds = new ArrayList<>(VERDICTS);

    @BeforeAll
    void twentyThousandVerdictsInOneRange() throws Exception {
        SnapshotParser parser = new SnapshotParser(clock);
        CompiledPolicy policy = active.get().policy();
        ObjectNode template = goldenSnapshot("04-stop-out-closes-two-in-order", "x", "A-export");
        from = clock.instant().truncatedTo(ChronoUnit.MICROS);
        for (int start = 0; start < VERDICTS; start += BATCH) {
            List<VerdictStore.Evaluated> batch = new ArrayList<>(BATCH);
            for (int i = start; i < start + BATCH; i++) {
                ObjectNode json = template.deepCopy().put("snapshotId", "export-" + from + "-" + i)
                        .put("accountId", "A-export-" + (i % 100));
                AccountSnapshot snapshot = parser.parse(json, "");
                String text = Json.MAPPER.writeValueAsString(json);
                batch.add(new VerdictStore.Evaluated(snapshot, text, AuditHashes.sha256(text), policy.evaluate(snapshot)));
                snapshotIds.add(snapshot.snapshotId());
            }
            store.append(batch);
        }
        to = clock.instant().plusMillis(1);
    }

    @Test
    void ndjson_holdsEveryVerdictInOrder_andTheHeapDoesNotGrowWithTheRange() throws IOException {
        Runtime runtime = Runtime.getRuntime();
        long baseline = usedHeapAfterGc(runtime);
        long maxGrowth = 0;
        long bytes = 0;
        int lines = 0;
        HttpURLConnection connection = open("ndjson");
        assertThat(connection.getResponseCode()).isEqualTo(200);
        assertThat(connection.getContentType()).startsWith("application/x-ndjson");
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(connection.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                bytes += line.length() + 1;
                if (lines < VERDICTS) {
                    JsonNode record = Json.MAPPER.readTree(line);
                    assertThat(record.get("snapshotId").asText()).as("line %d", lines).isEqualTo(snapshotIds.get(lines));
                    assertThat(record.at("/audit/schemaVersion").asInt()).isEqualTo(VerdictSchemas.CURRENT);
                    assertThat(record.at("/snapshot/positions").size()).isEqualTo(3);
                }
                lines++;
                if (lines % 4_000 == 0) {
                    maxGrowth = Math.max(maxGrowth, usedHeapAfterGc(runtime) - baseline);
                }
            }
        }
        LOG.infof("NDJSON export of %d verdicts: %d MB streamed; heap growth while streaming at most %d MB",
                lines, bytes >> 20, maxGrowth >> 20);
        assertThat(lines).isEqualTo(VERDICTS);
        assertThat(bytes).isGreaterThan(40L << 20);
        // Holding the range would take at least its own size (twice that as Java strings); one fetch batch is a
        // few MB. Half the size leaves room for what System.gc() does not promise to collect at once (other
        // threads of the same JVM run the service), and still fails any export that buffers the range.
        assertThat(maxGrowth).isLessThan(bytes / 2);
    }

    @Test
    void csv_hasTheHeaderAndOneLinePerVerdictWithItsFiguresAndItsLeaf() throws IOException {
        asCompliance().post("/api/v1/audit/checkpoints").then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
        HttpURLConnection connection = open("csv");
        assertThat(connection.getResponseCode()).isEqualTo(200);
        assertThat(connection.getContentType()).startsWith("text/csv");
        assertThat(connection.getHeaderField("Content-Disposition")).contains("attachment").contains(".csv");
        List<String> lines = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(connection.getInputStream(),
                StandardCharsets.UTF_8))) {
            reader.lines().forEach(lines::add);
        }
        assertThat(lines).hasSize(VERDICTS + 1);
        assertThat(lines.get(0)).isEqualTo("verdictId,evaluatedAt,snapshotId,accountId,brokerId,accountType,status,"
                + "marginLevel,equity,usedMargin,policyVersion,policyHash,policyFile,closeOutCount,violations,chainSeq,"
                + "leafIndex,leafHash");
        String[] first = lines.get(1).split(",", -1);
        assertThat(first).hasSize(18);
        assertThat(first[2]).isEqualTo(snapshotIds.get(0));
        assertThat(first[6]).isEqualTo("STOP_OUT");
        assertThat(first[7]).isEqualTo("37.50");
        assertThat(first[8]).isEqualTo("150.00");
        assertThat(first[12]).isEqualTo("policies/acme-fx.yaml");
        assertThat(first[13]).isEqualTo("2");
        assertThat(first[16]).matches("[0-9]+");
        assertThat(first[17]).hasSize(44);
        for (int i = 1; i <= VERDICTS; i++) {
            assertThat(lines.get(i).split(",", -1)[2]).isEqualTo(snapshotIds.get(i - 1));
        }
        asCompliance().get("/api/v1/verdicts/" + first[0]).then().statusCode(200)
                .body("audit.leafIndex", equalTo(Integer.parseInt(first[16])))
                .body("audit.leafHash", equalTo(first[17]));
    }

    @Test
    void ndjsonWithProofs_givesEachLineAProofThatHoldsOffline() throws Exception {
        String key = asCompliance().get("/api/v1/audit/public-key").then().statusCode(200).extract().asString();
        java.security.PublicKey publicKey = io.brokerpolicy.audit.log.PublicKeyText.parse(key);
        Instant until;
        try (java.sql.Connection c = dataSource.getConnection(); java.sql.PreparedStatement select = c.prepareStatement(
                "select evaluated_at from verdict where snapshot_id = ?")) {
            select.setString(1, snapshotIds.get(300));
            try (java.sql.ResultSet r = select.executeQuery()) {
                r.next();
                until = r.getTimestamp(1).toInstant();
            }
        }
        URL url = new URL(exportUrl + "?from=" + from + "&to=" + until + "&format=ndjson&proofs=true");
        HttpURLConnection connection = authorised(url);
        assertThat(connection.getResponseCode()).isEqualTo(200);
        int lines = 0;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(connection.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                JsonNode proof = Json.MAPPER.readTree(line).get("proof");
                assertThat(proof).as("line %d", lines).isNotNull();
                assertThat(io.brokerpolicy.audit.log.InclusionProofCheck.check(proof, publicKey, null).ok()).isTrue();
                lines++;
            }
        }
        assertThat(lines).isPositive();
        asCompliance().get("/api/v1/verdicts/export?from=" + from + "&to=" + to + "&format=csv&proofs=true")
                .then().statusCode(400).body("details[0].field", equalTo("proofs"));
    }

    @Test
    void aRangeIsRequiredAndTheFormatKnown() {
        asCompliance().get("/api/v1/verdicts/export?to=2026-11-22").then().statusCode(400)
                .body("details[0].field", equalTo("from"));
        asCompliance().get("/api/v1/verdicts/export?from=2026-11-22").then().statusCode(400)
                .body("details[0].field", equalTo("to"));
        asCompliance().get("/api/v1/verdicts/export?from=2026-11-22&to=2026-11-23&format=xlsx").then().statusCode(400)
                .body("details[0].field", equalTo("format"));
        asCompliance().get("/api/v1/verdicts/export?from=2026-11-23&to=2026-11-22").then().statusCode(400)
                .body("details[0].field", equalTo("to"));
    }

    private HttpURLConnection open(String format) throws IOException {
        return authorised(new URL(exportUrl + "?from=" + from + "&to=" + to + "&format=" + format));
    }

    private static HttpURLConnection authorised(URL url) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) url.openConnection();
        connection.setRequestProperty("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString((Api.COMPLIANCE + ":" + Api.PASSWORD).getBytes(StandardCharsets.UTF_8)));
        return connection;
    }

    private static long usedHeapAfterGc(Runtime runtime) {
        System.gc();
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
