package io.brokerpolicy.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * What a verification of the audit log found: {@code ok}, how many leaves were checked, the tree's size,
 * how many signed checkpoints the rows were checked against, how many records wait to be taken into the
 * tree, and otherwise the first bad leaf ({@code checked} then counts the sound leaves before it).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"ok", "checked", "treeSize", "checkpointsChecked", "pending", "brokenAt"})
public record LogVerification(boolean ok, long checked, long treeSize, long checkpointsChecked, long pending,
                              BrokenAt brokenAt) {

    /** Where the log breaks: the first bad leaf (absent when the problem is no single leaf's), its row, and why. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"leafIndex", "table", "id", "reason"})
    public record BrokenAt(Long leafIndex, String table, String id, String reason) {
    }
}
