package io.brokerpolicy.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.brokerpolicy.intake.Json;

/**
 * The versions of the stored verdict document and what the API shows of them.
 * <ul>
 *   <li>1: the document of releases before the Merkle log, written without a version: the members of
 *       {@link VerdictDocument} but {@code schemaVersion}.</li>
 *   <li>2: {@code schemaVersion} first, then the same members.</li>
 * </ul>
 * A stored document is never rewritten. A replay writes its decision in the schema of the stored one
 * ({@link #inSchemaOf}), so a verdict stored under any schema replays identical; the API's view of a
 * verdict ({@link #view}) is the document without what belongs to storage alone.
 */
public final class VerdictSchemas {

    public static final int CURRENT = 2;
    private static final String VERSION = "schemaVersion";
    /** How the current writer begins every document: the view is the rest of it. */
    private static final String CURRENT_START = "{\"" + VERSION + "\":" + CURRENT + ",";

    private VerdictSchemas() {
    }

    /** The schema a stored document was written in (1 for documents written before versions were). */
    public static int versionOf(JsonNode stored) {
        return stored.path(VERSION).asInt(1);
    }

    /** A document written now, as the schema of {@code stored} would have it: what a replay compares with it. */
    public static ObjectNode inSchemaOf(JsonNode stored, ObjectNode current) {
        ObjectNode copy = current.deepCopy();
        int version = versionOf(stored);
        if (version == 1) {
            copy.remove(VERSION);
        } else if (version != CURRENT) {
            throw new IllegalStateException("verdict document schema " + version + " is not one this release knows");
        }
        return copy;
    }

    /** The verdict as the API shows it, derived from the stored document. */
    public static ObjectNode view(JsonNode stored) {
        ObjectNode view = stored.deepCopy();
        view.remove(VERSION);
        return view;
    }

    /**
     * The view as JSON text. The answer to an evaluation goes through here: for a document of the current
     * writer it drops the leading version member without parsing the rest.
     */
    public static String view(String stored) {
        if (stored.startsWith(CURRENT_START)) {
            return "{" + stored.substring(CURRENT_START.length());
        }
        try {
            return Json.MAPPER.writeValueAsString(view(Json.MAPPER.readTree(stored)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored verdict is not JSON", e);
        }
    }
}
