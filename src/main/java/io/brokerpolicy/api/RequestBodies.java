package io.brokerpolicy.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.brokerpolicy.intake.FieldError;
import io.brokerpolicy.intake.InvalidRequestException;
import io.brokerpolicy.intake.Json;
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
}
