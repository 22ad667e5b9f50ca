package io.brokerpolicy.api;

import io.brokerpolicy.engine.CompiledPolicy;
import io.brokerpolicy.policy.ActivePolicy;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;

/** The policy versions: which one serves, and (for risk teams) their history and lifecycle. */
@Path("/api/v1/policy")
@Produces(MediaType.APPLICATION_JSON)
public class PolicyResource {

    @Inject
    ActivePolicy active;

    public record ActiveView(long version, String hash, Instant activatedAt, List<String> files) {
    }

    @GET
    @Path("/active")
    public ActiveView active() {
        ActivePolicy.Active current = active.get();
        CompiledPolicy policy = current.policy();
        return new ActiveView(policy.version(), policy.hash(), current.activatedAt(), policy.bundle().paths());
    }
}
