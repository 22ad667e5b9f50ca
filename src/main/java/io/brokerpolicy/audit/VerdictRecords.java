package io.brokerpolicy.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.brokerpolicy.intake.Json;

/** The whole stored record of a verdict as compliance reads it. */
public final class VerdictRecords {

    private VerdictRecords() {
    }

    /**
     * The verdict as the API shows it, plus {@code snapshot} (the exact input) and {@code audit}: its number,
     * the schema of its stored document, the snapshot's hash, and its place in the audit log ({@code leafIndex},
     * {@code leafHash}; absent for the few seconds before the sequencer takes it in). Rows stored before the
     * Merkle log also show their link of the old hash chain.
     */
    public static ObjectNode fullRecord(VerdictRecord row, LogPosition position) throws JsonProcessingException {
        JsonNode stored = Json.MAPPER.readTree(row.verdict());
        ObjectNode record = VerdictSchemas.view(stored);
        record.set("snapshot", Json.MAPPER.readTree(row.snapshot()));
        ObjectNode audit = record.putObject("audit");
        audit.put("chainSeq", row.chainSeq());
        audit.put("schemaVersion", VerdictSchemas.versionOf(stored));
        audit.put("snapshotHash", row.snapshotHash());
        if (position != null) {
            audit.put("leafIndex", position.leafIndex());
            audit.put("leafHash", position.leafHashBase64());
        }
        if (row.rowHash() != null) {
            audit.put("prevHash", row.prevHash());
            audit.put("rowHash", row.rowHash());
        }
        return record;
    }
}
