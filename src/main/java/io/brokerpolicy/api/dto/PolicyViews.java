package io.brokerpolicy.api.dto;

import io.brokerpolicy.audit.PolicyVersionRecord;
import io.brokerpolicy.domain.policy.BundleError;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answers of /policy: the active version, its status, the versions and their lifecycle. */
public final class PolicyViews {

    private PolicyViews() {
    }

    @Schema(name = "ActivePolicy", description = "The version that decides evaluations now")
    public record Active(@Schema(required = true) long version,
                         @Schema(required = true, examples = "sha256:c4031839af6525841970f084c60e37391965a39554bd55c71dea0a15e8dbd7e0") String hash,
                         Instant activatedAt,
                         @Schema(required = true, description = "Every file of the bundle, e.g. rules/margin.drl")
                         List<String> files) {
    }

    @Schema(name = "PolicyRejection", description = "The last change (file edit or draft) that was refused, and why")
    public record Rejection(Instant at, String source, String hash, List<BundleError> errors) {
    }

    @Schema(name = "PolicyStatus")
    public record Status(@Schema(required = true) Active active,
                         @Schema(nullable = true, description = "null when no change was refused since the start")
                         Rejection lastRejected) {
    }

    @Schema(name = "PolicyVersion")
    public record Version(@Schema(required = true) long version, @Schema(required = true) String hash,
                          @Schema(required = true, enumeration = {"DRAFT", "ACTIVE", "RETIRED", "REJECTED"}) String state,
                          Instant createdAt, String createdBy,
                          @Schema(description = "Where the version came from", examples = "FILE") String source,
                          @Schema(nullable = true) Instant activatedAt) {
        public static Version of(PolicyVersionRecord v) {
            return new Version(v.version(), v.hash(), v.state(), v.createdAt(), v.createdBy(), v.source(), v.activatedAt());
        }
    }

    @Schema(name = "PolicyVersionDetail", description = "A version with the content of every file")
    public record VersionDetail(long version, String hash,
                                @Schema(enumeration = {"DRAFT", "ACTIVE", "RETIRED", "REJECTED"}) String state,
                                Instant createdAt, String createdBy, String source,
                                @Schema(nullable = true) Instant activatedAt,
                                @Schema(description = "Bundle path to file content") Map<String, String> files,
                                @Schema(description = "Why the version was rejected, for a rejected one") List<String> errors) {
    }

    @Schema(name = "PolicyValidation", description = "A bundle compiled and checked with the scenarios")
    public record Validation(@Schema(required = true) boolean valid, @Schema(required = true) String hash,
                             @Schema(required = true) int scenariosRun,
                             @Schema(required = true) List<BundleError> errors) {
    }

    @Schema(name = "PolicyDraft", description = "A stored draft version")
    public record Draft(@Schema(required = true) long version, @Schema(required = true) String hash,
                        @Schema(required = true, enumeration = {"DRAFT", "ACTIVE", "RETIRED", "REJECTED"}) String state,
                        @Schema(required = true, description = "false when the same bundle was already a version")
                        boolean created,
                        @Schema(required = true) int scenariosRun) {
    }

    @Schema(name = "PolicyDiff")
    public record Diff(@Schema(required = true) long from, @Schema(required = true) long to,
                       @Schema(required = true, description = "Unified diff of the two bundles") String diff) {
    }
}
