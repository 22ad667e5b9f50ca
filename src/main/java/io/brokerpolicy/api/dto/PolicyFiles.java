package io.brokerpolicy.api.dto;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The body of POST /policy/validate and /policy/drafts, checked with Bean Validation: each problem is a field error
 * ({@code files}, {@code files.<path>}) of the usual 400 answer. Unknown members are refused by the JSON reading.
 */
@Schema(name = "PolicyFiles", description = "Files laid over the active version's bundle: a path given replaces or"
        + " adds that file, a path given as null removes it, every other file stays.")
public record PolicyFiles(
        @Schema(required = true, maxProperties = MAX_FILES, description = "Bundle path (rules/<name>.drl or policies/[<folder>/]<name>.yaml) to the"
                + " file's content, or null to remove the file; at most " + MAX_FILES + " files of at most "
                + MAX_FILE_CHARS + " characters")
        @NotNull(message = "is required: an object of bundle path to file content, e.g. {\"files\": {\"rules/margin.drl\": \"...\"}}")
        @Size(max = MAX_FILES, message = "has too many files; at most " + MAX_FILES + " are accepted")
        Map<@Pattern(regexp = PATH, message = "is not a bundle path: rules/<name>.drl or policies/[<folder>/]<name>.yaml")
            String, @Size(max = MAX_FILE_CHARS, message = "is larger than " + MAX_FILE_CHARS + " characters") String> files) {

    public static final int MAX_FILES = 500;
    public static final int MAX_FILE_CHARS = 1_000_000;
    /** No "..": every segment starts with a letter, digit, _ or -. */
    static final String PATH = "(rules/([A-Za-z0-9_-][A-Za-z0-9._-]*/)*[A-Za-z0-9_-][A-Za-z0-9._-]*\\.drl"
            + "|policies/([A-Za-z0-9_-][A-Za-z0-9._-]*/)*[A-Za-z0-9_-][A-Za-z0-9._-]*\\.ya?ml)";
}
