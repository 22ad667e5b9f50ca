package io.brokerpolicy.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.brokerpolicy.intake.Json;

/** The whole stored record of a verdict as compliance reads it. */
public final class VerdictRecords {

    private VerdictRecords() {
    }

    /** The verdict's own fields, plus {@code snapshot} (the exact input) and {@code audit} (its chain link). */
    public static ObjectNode fullRecord(VerdictRecord row) throws JsonProcessingException {
        ObjectNode record = (ObjectNode) Json.MAPPER.readTree(row.verdict());
        record.set("snapshot", Json.MAPPER.readTree(row.snapshot()));
        ObjectNode audit = record.putObject("audit");
        audit.put("chainSeq", row.chainSeq());
        audit.put("snapshotHash", row.snapshotHash());
        audit.put("prevHash", row.prevHash());
        audit.put("rowHash", row.rowHash());
        return record;
    }
}
