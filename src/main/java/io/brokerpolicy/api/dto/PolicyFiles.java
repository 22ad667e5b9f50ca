package io.brokerpolicy.api.dto;

import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of POST /policy/validate and /policy/drafts (documented here; DraftFiles reads it). */
@Schema(name = "PolicyFiles", description = "Files laid over the active version's bundle: a path given replaces or"
        + " adds that file, a path given as null removes it, every other file stays.")
public class PolicyFiles {

    @Schema(required = true, description = "Bundle path (rules/<name>.drl or policies/[<folder>/]<name>.yaml) to the"
            + " file's content, or null to remove the file; at most 500 files of 1,000,000 characters")
    public Map<String, String> files;
}
