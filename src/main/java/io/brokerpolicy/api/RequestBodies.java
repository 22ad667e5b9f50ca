package io.brokerpolicy.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.brokerpolicy.intake.FieldError;
import io.brokerpolicy.intake.InvalidRequestException;
import io.brokerpolicy.intake.Json;
import java.util.ArrayList;
import java.util.List;

/** Reads request bodies with the service's JSON limits, naming where a body is unreadable. */
final class RequestBodies {

    private RequestBodies() {
    }

    static JsonNode readJson(String body) throws JsonProcessingException {
        if (body == null || body.isBlank()) {
            throw new InvalidRequestException("the request has no body", List.of(new FieldError("$", "send a JSON object")));
        }
        return Json.MAPPER.readTree(body);
    }

    static List<JsonNode> readArray(String body) throws JsonProcessingException {
        JsonNode json = readJson(body);
        if (!json.isArray()) {
            throw new InvalidRequestException("a batch must be a JSON array of snapshots",
                    List.of(new FieldError("$", "must be a JSON array")));
        }
        List<JsonNode> items = new ArrayList<>(json.size());
        json.forEach(items::add);
        return items;
    }

    static List<JsonNode> readNdjson(String body) throws JsonProcessingException {
        List<JsonNode> items = new ArrayList<>();
        if (body == null) {
            return items;
        }
        String[] lines = body.split("\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].trim();
            if (line.isEmpty()) {
                continue;
            }
            try {
                items.add(Json.MAPPER.readTree(line));
            } catch (JsonProcessingException e) {
                throw new InvalidRequestException("line " + (i + 1) + " of the NDJSON body is not valid JSON",
                        List.of(new FieldError("[" + items.size() + "]", e.getOriginalMessage())));
            }
        }
        return items;
    }
}
