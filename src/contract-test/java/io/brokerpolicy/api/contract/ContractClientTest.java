package io.brokerpolicy.api.contract;

import static io.brokerpolicy.testsupport.Api.COMPLIANCE;
import static io.brokerpolicy.testsupport.Api.EVALUATOR;
import static io.brokerpolicy.testsupport.Api.PASSWORD;
import static io.brokerpolicy.testsupport.Api.RISK_EDITOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.brokerpolicy.client.ApiClient;
import io.brokerpolicy.client.ApiException;
import io.brokerpolicy.client.ApiResponse;
import io.brokerpolicy.client.api.AuditApi;
import io.brokerpolicy.client.api.EvaluationsApi;
import io.brokerpolicy.client.api.PolicyApi;
import io.brokerpolicy.client.api.VerdictsApi;
import io.brokerpolicy.client.model.ActivePolicy;
import io.brokerpolicy.client.model.CheckpointView;
import io.brokerpolicy.client.model.CloseOutStep;
import io.brokerpolicy.client.model.ErrorBody;
import io.brokerpolicy.client.model.FieldError;
import io.brokerpolicy.client.model.InclusionProof;
import io.brokerpolicy.client.model.PolicyDraft;
import io.brokerpolicy.client.model.PolicyFiles;
import io.brokerpolicy.client.model.PolicyValidation;
import io.brokerpolicy.client.model.PolicyVersion;
import io.brokerpolicy.client.model.Position;
import io.brokerpolicy.client.model.PublicKeyView;
import io.brokerpolicy.client.model.ReplayResult;
import io.brokerpolicy.client.model.Snapshot;
import io.brokerpolicy.client.model.StressResult;
import io.brokerpolicy.client.model.StressShocks;
import io.brokerpolicy.client.model.Verdict;
import io.brokerpolicy.client.model.VerdictPage;
import io.brokerpolicy.client.model.VerdictRecord;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The Java client that the build generates from docs/openapi.yaml (openapi-generator, library native), used as
 * generated against the running service: if the document and the service disagree, a call here fails or a value
 * comes back wrong. The figures are those of examples/ (README "First steps").
 */
@QuarkusTest
class ContractClientTest {

    @TestHTTPResource("/")
    URI service;

    @Test
    void evaluate_theStopOutExample_thenTheSameSnapshotAgain() throws Exception {
        EvaluationsApi evaluations = new EvaluationsApi(client(EVALUATOR));
        Snapshot snapshot = example("examples/stop-out.json");

        ApiResponse<Verdict> first = evaluations.evaluateWithHttpInfo(snapshot);
        assertThat(first.getStatusCode()).isEqualTo(201);
        Verdict verdict = first.getData();
        assertThat(verdict.getStatus()).isEqualTo(Verdict.StatusEnum.STOP_OUT);
        assertThat(verdict.getAccountId()).isEqualTo("A-1042");
        assertThat(verdict.getEquity()).isEqualByComparingTo("150.00");
        assertThat(verdict.getUsedMargin()).isEqualByComparingTo("400.00");
        assertThat(verdict.getMarginLevel()).isEqualByComparingTo("37.50");
        assertThat(verdict.getThresholds().getStopOutLevel()).isEqualByComparingTo("50");
        assertThat(verdict.getPolicy().getFile()).isEqualTo("policies/acme-fx.yaml");
        assertThat(verdict.getCloseOuts()).extracting(CloseOutStep::getPositionId).containsExactly("p1", "p2");
        assertThat(verdict.getCloseOuts().get(0).getMarginLevelAfter()).isEqualByComparingTo("50.00");
        assertThat(verdict.getLiquidationPrices()).singleElement()
                .satisfies(p -> assertThat(p.getPrice()).isEqualByComparingTo("1.1899"));

        ApiResponse<Verdict> again = evaluations.evaluateWithHttpInfo(snapshot);
        assertThat(again.getStatusCode()).isEqualTo(200);
        assertThat(again.getData().getVerdictId()).isEqualTo(verdict.getVerdictId());
    }

    @Test
    void evaluateBatch_answersTheVerdictsInOrder() throws Exception {
        List<Verdict> verdicts = new EvaluationsApi(client(EVALUATOR))
                .evaluateBatch(List.of(example("examples/healthy.json"), example("examples/stop-out.json")));
        assertThat(verdicts).extracting(Verdict::getStatus)
                .containsExactly(Verdict.StatusEnum.HEALTHY, Verdict.StatusEnum.STOP_OUT);
        assertThat(verdicts.get(0).getMarginLevel()).isEqualByComparingTo("425.00");
        assertThat(verdicts.get(0).getCloseOuts()).isEmpty();
    }

    @Test
    void aSnapshotBuiltWithTheClientsModel_andABadOne() throws Exception {
        EvaluationsApi evaluations = new EvaluationsApi(client(EVALUATOR));
        Snapshot built = new Snapshot().snapshotId("contract-" + UUID.randomUUID()).accountId("A-3001").brokerId("acme-fx")
                .accountType("standard").kycTier("FULL").jurisdiction("EU").clientCategory(Snapshot.ClientCategoryEnum.RETAIL)
                .currency("USD").asOf(OffsetDateTime.of(2026, 11, 21, 14, 3, 11, 0, ZoneOffset.UTC)).balance("1000.00")
                .positions(List.of(new Position().positionId("p1").symbol("EURUSD")
                        .assetClass(Position.AssetClassEnum.FX_MAJOR).side(Position.SideEnum.LONG).quantity("0.05")
                        .contractSize("100000").openPrice("1.2300").markPrice("1.2000").leverage("30")));
        assertThat(evaluations.evaluate(built).getMarginLevel()).isEqualByComparingTo("425.00");

        ApiException refused = catchThrowableOfType(ApiException.class,
                () -> evaluations.evaluate(built.snapshotId("contract-" + UUID.randomUUID()).balance("NaN")));
        assertThat(refused.getCode()).isEqualTo(400);
        ErrorBody error = client(EVALUATOR).getObjectMapper().readValue(refused.getResponseBody(), ErrorBody.class);
        assertThat(error.getDetails()).extracting(FieldError::getField).containsExactly("balance");

        ApiException forbidden = catchThrowableOfType(ApiException.class,
                () -> new VerdictsApi(client(EVALUATOR)).searchVerdicts(null, null, null, null, null, null, null, null));
        assertThat(forbidden.getCode()).isEqualTo(403);
    }

    @Test
    void compliance_readsSearchesReplaysAndProvesAVerdict() throws Exception {
        Verdict verdict = new EvaluationsApi(client(EVALUATOR)).evaluate(example("examples/stop-out.json"));
        VerdictsApi verdicts = new VerdictsApi(client(COMPLIANCE));

        VerdictRecord record = verdicts.getVerdict(verdict.getVerdictId());
        assertThat(record.getStatus()).isEqualTo(VerdictRecord.StatusEnum.STOP_OUT);
        assertThat(record.getMarginLevel()).isEqualByComparingTo("37.50");
        assertThat(record.getSnapshot().getSnapshotId()).isEqualTo(verdict.getSnapshotId());
        assertThat(record.getSnapshot().getBalance()).isEqualTo("500.00");
        assertThat(record.getAudit().getSchemaVersion()).isEqualTo(2);

        VerdictPage page = verdicts.searchVerdicts("A-1042", "acme-fx", null, 0, verdict.getPolicy().getVersion(), 5,
                "STOP_OUT", null);
        assertThat(page.getPage()).isZero();
        assertThat(page.getSize()).isEqualTo(5);
        assertThat(page.getTotal()).isPositive();
        assertThat(page.getItems()).isNotEmpty().allSatisfy(v -> {
            assertThat(v.getStatus()).isEqualTo(Verdict.StatusEnum.STOP_OUT);
            assertThat(v.getAccountId()).isEqualTo("A-1042");
        });

        ReplayResult replay = verdicts.replayVerdict(verdict.getVerdictId());
        assertThat(replay.getIdentical()).isTrue();
        assertThat(replay.getStoredPolicy().getVersion()).isEqualTo(verdict.getPolicy().getVersion());
        assertThat(replay.getOriginal().getMarginLevel()).isEqualByComparingTo("37.50");

        InclusionProof proof = verdicts.getVerdictProof(verdict.getVerdictId());
        byte[] recordBytes = Base64.getDecoder().decode(proof.getRecord());
        assertThat(new String(recordBytes, StandardCharsets.UTF_8)).contains(verdict.getVerdictId().toString());
        assertThat(rootFromAuditPath(proof)).isEqualTo(proof.getCheckpoint().getRootHash());

        AuditApi audit = new AuditApi(client(COMPLIANCE));
        PublicKeyView key = audit.getPublicKey();
        assertThat(key.getAlgorithm()).isEqualTo("Ed25519");
        assertThat(Base64.getDecoder().decode(key.getPublicKey())).hasSize(32);
        CheckpointView latest = audit.getLatestCheckpoint();
        assertThat(latest.getTreeSize()).isGreaterThanOrEqualTo(proof.getCheckpoint().getTreeSize());
        assertThat(latest.getBody()).startsWith(key.getOrigin() + "\n" + latest.getTreeSize() + "\n");
    }

    @Test
    void riskEditor_validatesDraftsAndStressesAPolicyChange() throws Exception {
        PolicyApi policy = new PolicyApi(client(RISK_EDITOR));
        ActivePolicy active = policy.getActivePolicy();
        String acme = Files.readString(Path.of("policies/acme-fx.yaml"));
        PolicyFiles tighter = new PolicyFiles().putFilesItem("policies/acme-fx.yaml",
                acme.replace("    stopOutLevel: 50", "    stopOutLevel: 70"));

        PolicyValidation validation = policy.validatePolicy(tighter);
        assertThat(validation.getValid()).isTrue();
        assertThat(validation.getErrors()).isEmpty();
        assertThat(validation.getScenariosRun()).isPositive();

        ApiResponse<PolicyDraft> drafted = policy.createPolicyDraftWithHttpInfo(tighter);
        assertThat(drafted.getStatusCode()).isIn(200, 201);
        PolicyDraft draft = drafted.getData();
        assertThat(draft.getState()).isEqualTo(PolicyDraft.StateEnum.DRAFT);
        assertThat(draft.getVersion()).isGreaterThan(active.getVersion());
        assertThat(draft.getHash()).isEqualTo(validation.getHash());
        assertThat(policy.listPolicyVersions()).extracting(PolicyVersion::getVersion).contains(draft.getVersion());

        PolicyFiles belowTheFloor = new PolicyFiles().putFilesItem("policies/acme-fx.yaml",
                acme.replace("    stopOutLevel: 50", "    stopOutLevel: 45"));
        assertThat(policy.validatePolicy(belowTheFloor).getValid()).isFalse();
        ApiException refused = catchThrowableOfType(ApiException.class, () -> policy.createPolicyDraft(belowTheFloor));
        assertThat(refused.getCode()).isEqualTo(422);
        assertThat(policy.getActivePolicy().getVersion()).isEqualTo(active.getVersion());

        StressResult stress = policy.stressPolicyVersion(draft.getVersion(),
                new StressShocks().putShocksItem("US500", new BigDecimal("-10")));
        assertThat(stress.getVersion()).isEqualTo(draft.getVersion());
        assertThat(stress.getShocks()).containsOnlyKeys("US500");
        assertThat(stress.getShocks().get("US500")).isEqualByComparingTo("-10");
        assertThat(stress.getFailureCount()).isZero();
    }

    /** A generated client signed in as one of the test users, against the service under test. */
    private ApiClient client(String user) {
        ApiClient client = new ApiClient();
        client.updateBaseUri(service.toString().replaceAll("/$", ""));
        String credentials = Base64.getEncoder().encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        client.setRequestInterceptor(request -> request.header("Authorization", "Basic " + credentials));
        return client;
    }

    /** An example of examples/ read with the client's own JSON mapping, under a new snapshotId. */
    private Snapshot example(String file) throws IOException {
        Snapshot snapshot = new ApiClient().getObjectMapper().readValue(Files.readString(Path.of(file)), Snapshot.class);
        return snapshot.snapshotId("contract-" + UUID.randomUUID());
    }

    /** RFC 9162 §2.1.3.2: the root hash that the proof's leaf and audit path lead to, in base64. */
    private static String rootFromAuditPath(InclusionProof proof) throws NoSuchAlgorithmException {
        long fn = proof.getLeafIndex();
        long sn = proof.getCheckpoint().getTreeSize() - 1;
        byte[] r = sha256(new byte[] {0}, Base64.getDecoder().decode(proof.getRecord()));
        for (String encoded : proof.getAuditPath()) {
            byte[] p = Base64.getDecoder().decode(encoded);
            assertThat(sn).as("audit path longer than the tree").isPositive();
            if ((fn & 1) == 1 || fn == sn) {
                r = sha256(new byte[] {1}, p, r);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                r = sha256(new byte[] {1}, r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        assertThat(sn).as("audit path shorter than the tree").isZero();
        return Base64.getEncoder().encodeToString(r);
    }

    private static byte[] sha256(byte[]... parts) throws NoSuchAlgorithmException {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        for (byte[] part : parts) {
            digest.update(part);
        }
        return digest.digest();
    }
}
