package io.brokerpolicy.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import io.brokerpolicy.domain.AccountStatus;
import java.util.List;

/**
 * A risk team's own test case from {@code policies/scenarios/*.yaml}: a snapshot and the verdict it must
 * get. {@code closeOuts} (position ids in close-out order) and {@code violations} are checked only when the
 * scenario states them; stated, they must match exactly.
 */
public record Scenario(String file, int line, String name, JsonNode snapshot, AccountStatus status,
                       List<String> closeOuts, List<ExpectedViolation> violations) {

    /** A violation the verdict must report; {@code positionId} null matches any position or none. */
    public record ExpectedViolation(String code, String positionId) {

        @Override
        public String toString() {
            return positionId == null ? code : code + "(" + positionId + ")";
        }
    }
}
