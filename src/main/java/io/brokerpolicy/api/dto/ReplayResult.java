package io.brokerpolicy.api.dto;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** POST /verdicts/{verdictId}/replay. */
@Schema(name = "ReplayResult", description = "The stored snapshot evaluated again under its own policy version"
        + " (identical when the decision is the same) and under the active version")
public class ReplayResult {

    @Schema(required = true, description = "The replay under the stored version made the same decision")
    public boolean identical;
    @Schema(required = true)
    public PolicyUsed storedPolicy;
    @Schema(required = true)
    public PolicyUsed activePolicy;
    @Schema(description = "Where the decision under the active version differs from the original")
    public List<ActiveDifference> differences;
    @Schema(description = "Where the replay under the stored version differs (absent when identical)")
    public List<ReplayDifference> replayDifferences;
    @Schema(description = "Why the active version could not decide the snapshot, when it could not")
    public String underActivePolicyError;
    @Schema(required = true)
    public VerdictDocument original;
    @Schema(required = true)
    public VerdictDocument replayed;
    public VerdictDocument underActivePolicy;

    @Schema(name = "PolicyUsed")
    public static class PolicyUsed {
        @Schema(required = true)
        public long version;
        @Schema(required = true)
        public String hash;
    }

    @Schema(name = "ActiveDifference", description = "One JSON path whose value differs; values of any JSON type")
    public static class ActiveDifference {
        @Schema(required = true, examples = "/status")
        public String path;
        public Object original;
        public Object underActivePolicy;
    }

    @Schema(name = "ReplayDifference", description = "One JSON path whose value differs; values of any JSON type")
    public static class ReplayDifference {
        @Schema(required = true)
        public String path;
        public Object original;
        public Object replayed;
    }
}
