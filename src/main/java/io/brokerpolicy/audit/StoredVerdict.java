package io.brokerpolicy.audit;

/**
 * A verdict as stored: its JSON exactly as answered and hashed, and whether this request created it
 * (false: the snapshotId had been evaluated before and this is that verdict).
 */
public record StoredVerdict(String verdictId, String verdictJson, boolean created) {

    /** The verdict as the API answers it, derived from the stored document. */
    public String viewJson() {
        return VerdictSchemas.view(verdictJson);
    }
}
