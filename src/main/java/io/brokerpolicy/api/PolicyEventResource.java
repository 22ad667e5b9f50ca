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

/**
 * The policy history as events: when each version was created, rejected, activated, retired or rolled back
 * to, and by whom. Risk editors and compliance read it (the console's policy history shows it).
 */
@Path("/api/v1/policy/events")
@Produces(MediaType.APPLICATION_JSON)
public class PolicyEventResource {

    static final int DEFAULT_LIMIT = 200;
    static final int MAX_LIMIT = 1_000;

    @Inject
    PolicyVersionStore store;

    /** One event: {@code action} is CREATED, REJECTED, ACTIVATED, RETIRED or ROLLED_BACK. */
    public record EventView(long version, String action, String actor, Instant at, String detail) {
        static EventView of(PolicyEventRecord e) {
            return new EventView(e.version(), e.action(), e.actor(), e.at(), e.detail());
        }
    }

    @GET
    public List<EventView> events(@QueryParam("version") String version, @QueryParam("limit") String limit) {
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
