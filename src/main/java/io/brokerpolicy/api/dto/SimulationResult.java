package io.brokerpolicy.api.dto;

import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** POST /policy/versions/{n}/simulate. */
@Schema(name = "SimulationResult", description = "The last stored snapshots evaluated under version n and under the"
        + " active (baseline) version: which decisions would change. Nothing is stored.")
public class SimulationResult {

    @Schema(required = true)
    public long version;
    @Schema(required = true)
    public long baselineVersion;
    @Schema(required = true)
    public int evaluated;
    @Schema(required = true)
    public int changed;
    @Schema(required = true, description = "\"OLD -> NEW\" status counts")
    public Map<String, Integer> transitions;
    @Schema(required = true)
    public List<Change> changes;
    @Schema(required = true)
    public List<SimulationFailure> failures;

    @Schema(name = "SimulationChange")
    public static class Change {
        public String snapshotId;
        public String accountId;
        public Outcome old;
        public Outcome candidate;
    }

    @Schema(name = "SimulationOutcome", description = "The parts of a verdict a risk team decides on")
    public static class Outcome {
        @Schema(enumeration = {"HEALTHY", "MARGIN_CALL", "STOP_OUT"})
        public String status;
        @Schema(description = "Position ids closed, in order")
        public List<String> closeOuts;
        public List<String> violations;
    }

    @Schema(name = "SimulationFailure")
    public static class SimulationFailure {
        public String snapshotId;
        public String accountId;
        public String message;
    }
}
