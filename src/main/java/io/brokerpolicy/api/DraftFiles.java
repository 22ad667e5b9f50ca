package io.brokerpolicy.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.brokerpolicy.bundle.PolicyBundle;
import io.brokerpolicy.intake.FieldError;
import io.brokerpolicy.intake.InvalidRequestException;
import io.brokerpolicy.intake.Json;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Reads the body of {@code /policy/validate} and {@code /policy/drafts}: {@code {"files": {path: content}}}.
 * The files are laid over the active version's files: a path given replaces or adds that file, a path
 * given as {@code null} removes it, and every other file stays as it is active. So a change to one rule
 * file is a body with one file, and the result is still the whole bundle.
 */
final class DraftFiles {

    static final int MAX_FILES = 500;
    static final int MAX_FILE_CHARS = 1_000_000;
    /**
     * The service's JSON limits, except that a string may be as long as a file may be: a rule or policy file is
     * one string of the body, and a file refused by the JSON reader would be refused without its file and line.
     */
    private static final ObjectMapper MAPPER = filesMapper();
    private static final Pattern PATH = Pattern.compile(
            "(rules/([A-Za-z0-9_-][A-Za-z0-9._-]*/)*[A-Za-z0-9_-][A-Za-z0-9._-]*\\.drl"
                    + "|policies/([A-Za-z0-9_-][A-Za-z0-9._-]*/)*[A-Za-z0-9_-][A-Za-z0-9._-]*\\.ya?ml)");

    private DraftFiles() {
    }

    static PolicyBundle read(String body, PolicyBundle base) throws JsonProcessingException {
        if (body == null || body.isBlank()) {
            throw new InvalidRequestException("the request has no body", List.of(new FieldError("$", "send a JSON object")));
        }
        JsonNode json = MAPPER.readTree(body);
        List<FieldError> errors = new ArrayList<>();
        JsonNode files = json.get("files");
        if (!json.isObject() || files == null || !files.isObject()) {
            throw new InvalidRequestException("the body must be {\"files\": {\"rules/margin.drl\": \"...\", ...}}",
                    List.of(new FieldError("files", "must be an object of bundle path to file content")));
        }
        for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("files")) {
                errors.add(new FieldError(name, "unknown field; the body has only 'files'"));
            }
        }
        if (files.size() > MAX_FILES) {
            errors.add(new FieldError("files", "has " + files.size() + " files; at most " + MAX_FILES + " are accepted"));
        }
        Map<String, String> merged = new TreeMap<>(base.files());
        for (Iterator<Map.Entry<String, JsonNode>> it = files.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> file = it.next();
            String path = file.getKey();
            String field = "files." + path;
            if (!PATH.matcher(path).matches() || path.contains("..")) {
                errors.add(new FieldError(field, "is not a bundle path: rules/<name>.drl or policies/[<folder>/]<name>.yaml"));
            } else if (file.getValue().isNull()) {
                if (merged.remove(path) == null) {
                    errors.add(new FieldError(field, "is null (remove the file), but the active version has no such file"));
                }
            } else if (!file.getValue().isTextual()) {
                errors.add(new FieldError(field, "must be the file's content as a string, or null to remove the file"));
            } else if (file.getValue().asText().length() > MAX_FILE_CHARS) {
                errors.add(new FieldError(field, "is larger than " + MAX_FILE_CHARS + " characters"));
            } else {
                merged.put(path, file.getValue().asText());
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException("the policy files are not valid", errors);
        }
        return new PolicyBundle(merged);
    }

    private static ObjectMapper filesMapper() {
        ObjectMapper mapper = Json.MAPPER.copy();
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNumberLength(Json.MAX_NUMBER_LENGTH)
                .maxNestingDepth(Json.MAX_NESTING_DEPTH)
                .maxStringLength(MAX_FILE_CHARS + 1)
                .build());
        return mapper;
    }
}
