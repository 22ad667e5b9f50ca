package io.brokerpolicy.api;

import io.brokerpolicy.api.dto.PolicyFiles;
import io.brokerpolicy.bundle.PolicyBundle;
import io.brokerpolicy.intake.FieldError;
import io.brokerpolicy.intake.InvalidRequestException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Lays the files of {@code /policy/validate} and {@code /policy/drafts} (already checked by Bean Validation: paths,
 * sizes) over the active version's files: a path given replaces or adds that file, a path given as {@code null}
 * removes it, and every other file stays as it is active. So a change to one rule file is a body with one file, and
 * the result is still the whole bundle.
 */
final class DraftFiles {

    private DraftFiles() {
    }

    static PolicyBundle over(PolicyFiles request, PolicyBundle base) {
        List<FieldError> errors = new ArrayList<>();
        Map<String, String> merged = new TreeMap<>(base.files());
        request.files().forEach((path, content) -> {
            if (content != null) {
                merged.put(path, content);
            } else if (merged.remove(path) == null) {
                errors.add(new FieldError("files." + path, "is null (remove the file), but the active version has no such file"));
            }
        });
        if (!errors.isEmpty()) {
            throw new InvalidRequestException("the policy files are not valid", errors);
        }
        return new PolicyBundle(merged);
    }
}
