package io.brokerpolicy.api.dto;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** GET /verdicts/{verdictId}: the verdict, its input and its place in the audit log. */
@Schema(name = "VerdictRecord", description = "The whole stored record of a verdict: the verdict, the exact input"
        + " snapshot and its place in the audit log")
public class StoredVerdict extends Verdict {

    @Schema(required = true, description = "The snapshot exactly as it was received")
    public Snapshot snapshot;
    @Schema(required = true)
    public AuditLink audit;

    @Schema(name = "VerdictAuditLink")
    public static class AuditLink {
        @Schema(required = true)
        public long chainSeq;
        @Schema(required = true, description = "The schema version of the stored verdict document")
        public int schemaVersion;
        @Schema(required = true)
        public String snapshotHash;
        @Schema(description = "Absent for the few seconds before the audit log takes the record in")
        public Long leafIndex;
        @Schema(description = "Base64 SHA-256 of 0x00 and the record's bytes (RFC 9162)")
        public String leafHash;
        @Schema(description = "The old hash chain's link, for records stored before the Merkle log")
        public String prevHash;
        @Schema(description = "The old hash chain's link, for records stored before the Merkle log")
        public String rowHash;
    }
}
