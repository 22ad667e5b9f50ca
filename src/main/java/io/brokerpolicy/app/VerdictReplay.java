package io.brokerpolicy.app;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.brokerpolicy.audit.JsonDifferences;
import io.brokerpolicy.audit.VerdictDocument;
import io.brokerpolicy.audit.VerdictRecord;
import io.brokerpolicy.audit.VerdictSchemas;
import io.brokerpolicy.domain.AccountSnapshot;
import io.brokerpolicy.domain.Verdict;
import io.brokerpolicy.domain.policy.PolicyNotFoundException;
import io.brokerpolicy.engine.CompiledPolicy;
import io.brokerpolicy.intake.Json;
import io.brokerpolicy.intake.SnapshotParser;
import io.brokerpolicy.policy.ActivePolicy;
import io.brokerpolicy.policy.PolicyLifecycle;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Re-evaluates a stored snapshot: under the policy version that decided it, which must give the same
 * decision byte for byte (everything but verdictId, evaluatedAt and evaluationMicros), and under the
 * active version, to answer "would today's policy have done the same?". Both are written in the schema of
 * the stored document ({@link VerdictSchemas}), so a verdict stored by an earlier release compares with a
 * document of its own kind. Stores no verdict.
 */
@ApplicationScoped
public class VerdictReplay {

    @Inject
    PolicyLifecycle lifecycle;
    @Inject
    ActivePolicy active;
    @Inject
    Clock clock;

    private SnapshotParser parser;

    /** A difference between the original decision and the one under the active policy. */
    public record ActiveDifference(String path, JsonNode original, JsonNode underActivePolicy) {
    }

    /** A difference between the original decision and its replay under the same version (there should be none). */
    public record ReplayDifference(String path, JsonNode original, JsonNode replayed) {
    }

    public record PolicyUsed(long version, String hash) {
    }

    /** Small answers first, so a reader sees the verdict of the replay before the three full verdicts. */
    @JsonPropertyOrder({"identical", "storedPolicy", "activePolicy", "differences", "replayDifferences",
            "underActivePolicyError", "original", "replayed", "underActivePolicy"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Report(boolean identical, PolicyUsed storedPolicy, PolicyUsed activePolicy, JsonNode original,
                         JsonNode replayed, JsonNode underActivePolicy, String underActivePolicyError,
                         List<ActiveDifference> differences, List<ReplayDifference> replayDifferences) {
    }

    @PostConstruct
    void init() {
        // Stored snapshots were accepted when they came; a lower position limit set since must not refuse them.
        parser = new SnapshotParser(clock, Integer.MAX_VALUE);
    }

    public Report replay(VerdictRecord row) throws JsonProcessingException {
        AccountSnapshot snapshot = parser.parse(Json.MAPPER.readTree(row.snapshot()), "");
        JsonNode original = Json.MAPPER.readTree(row.verdict());
        Instant now = clock.instant();

        CompiledPolicy stored = lifecycle.compiledVersion(row.policyVersion());
        JsonNode replayed = VerdictSchemas.inSchemaOf(original, asStored(row.verdictId().toString(), now, stored, snapshot));
        List<ReplayDifference> replayDifferences = JsonDifferences.between(decision(original), decision(replayed))
                .stream().map(d -> new ReplayDifference(d.path(), d.original(), d.other())).toList();
        boolean identical = decisionText(original).equals(decisionText(replayed));

        CompiledPolicy current = active.get().policy();
        JsonNode underActive = null;
        String activeError = null;
        List<ActiveDifference> differences;
        try {
            underActive = VerdictSchemas.inSchemaOf(original, asStored(row.verdictId().toString(), now, current, snapshot));
            differences = JsonDifferences.between(decision(original), decision(underActive)).stream()
                    .map(d -> new ActiveDifference(d.path(), d.original(), d.other())).toList();
        } catch (PolicyNotFoundException e) {
            activeError = "the active policy has no terms for this account: " + e.getMessage();
            differences = List.of(new ActiveDifference("$", original.get("policy"), Json.MAPPER.getNodeFactory()
                    .textNode(activeError)));
        }
        return new Report(identical, new PolicyUsed(stored.version(), stored.hash()),
                new PolicyUsed(current.version(), current.hash()), original, replayed, underActive, activeError,
                differences, replayDifferences);
    }

    /** The verdict as the store would write it now, read back as the store's text would be. */
    private static ObjectNode asStored(String verdictId, Instant at, CompiledPolicy policy, AccountSnapshot snapshot)
            throws JsonProcessingException {
        long started = System.nanoTime();
        Verdict verdict = policy.evaluate(snapshot);
        long micros = (System.nanoTime() - started) / 1_000;
        return (ObjectNode) Json.MAPPER.readTree(Json.MAPPER.writeValueAsString(VerdictDocument.of(verdictId, at, verdict,
                micros)));
    }

    private static JsonNode decision(JsonNode verdict) {
        ObjectNode copy = verdict.deepCopy();
        copy.remove(VerdictDocument.NOT_PART_OF_THE_DECISION);
        return copy;
    }

    private static String decisionText(JsonNode verdict) throws JsonProcessingException {
        return Json.MAPPER.writeValueAsString(decision(verdict));
    }
}
