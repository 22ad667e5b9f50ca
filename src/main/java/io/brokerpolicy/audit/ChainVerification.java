package io.brokerpolicy.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * What a walk of the audit chain found: {@code ok} with the number of links checked, or the first
 * broken link ({@code checked} then counts the links that were sound before it).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"ok", "checked", "brokenAt"})
public record ChainVerification(boolean ok, long checked, BrokenLink brokenAt) {

    /** Where the chain breaks: the row at which the break shows, and why. */
    @JsonPropertyOrder({"chainSeq", "table", "id", "reason"})
    public record BrokenLink(long chainSeq, String table, String id, String reason) {
    }

    static ChainVerification sound(long checked) {
        return new ChainVerification(true, checked, null);
    }

    static ChainVerification broken(long checked, BrokenLink at) {
        return new ChainVerification(false, checked, at);
    }
}
