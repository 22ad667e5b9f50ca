package io.brokerpolicy.api;

import io.brokerpolicy.audit.PolicyEventRecord;
import io.brokerpolicy.intake.FieldError;
import io.brokerpolicy.intake.InvalidRequestException;
import io.brokerpolicy.persistence.PolicyVersionStore;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The policy history as events: when each version was created, rejected, activated, retired or rolled back
 * to, and by whom. Risk editors and compliance read it (the console's policy history shows it).
 */
@Path("/api/v1/policy/events")
@Produces(MediaType.APPLICATION_JSON)
// The tag and the shared answers (components/responses) are those of the typed contract's ApiDocument.
@Tag(name = "Policy")
@APIResponse(responseCode = "400", ref = "BadRequest")
@APIResponse(responseCode = "401", ref = "Unauthorized")
@APIResponse(responseCode = "403", ref = "Forbidden")
@APIResponse(responseCode = "503", ref = "Unavailable")
public class PolicyEventResource {

    static final int DEFAULT_LIMIT = 200;
    static final int MAX_LIMIT = 1_000;

    @Inject
    PolicyVersionStore store;

    /** One event: {@code action} is CREATED, REJECTED, ACTIVATED, RETIRED or ROLLED_BACK. */
    public record EventView(@Schema(required = true) long version,
                            @Schema(required = true, enumeration = {"CREATED", "REJECTED", "ACTIVATED", "RETIRED",
                                "ROLLED_BACK"}) String action,
                            @Schema(required = true) String actor, @Schema(required = true) Instant at, String detail) {
        static EventView of(PolicyEventRecord e) {
            return new EventView(e.version(), e.action(), e.actor(), e.at(), e.detail());
        }
    }

    @GET
    @Operation(operationId = "listPolicyEvents",
            summary = "The policy lifecycle, newest first: created, rejected, activated, retired, rolled back; who and when")
    @APIResponse(responseCode = "200", description = "The events",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = EventView.class)))
    public List<EventView> events(
            @Parameter(description = "only this version's events", schema = @Schema(type = SchemaType.INTEGER, minimum = "1"))
            @QueryParam("version") String version,
            @Parameter(description = "at most this many (default 200)",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "1000"))
            @QueryParam("limit") String limit) {
        Long onlyVersion = version == null || version.isBlank() ? null : number("version", version, 1, Long.MAX_VALUE);
        int max = limit == null || limit.isBlank() ? DEFAULT_LIMIT : (int) number("limit", limit, 1, MAX_LIMIT);
        return store.eventsNewestFirst(onlyVersion, max).stream().map(EventView::of).toList();
    }

    private static long number(String field, String text, long min, long max) {
        try {
            long value = Long.parseLong(text.trim());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException notANumber) {
            // answered below
        }
        throw new InvalidRequestException("the query is not valid", List.of(new FieldError(field,
                "must be a whole number from " + min + (max == Long.MAX_VALUE ? " up" : " to " + max) + ", not '" + text + "'")));
    }
}
