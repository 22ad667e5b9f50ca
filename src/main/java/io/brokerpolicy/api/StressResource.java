package io.brokerpolicy.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.brokerpolicy.audit.PolicyVersionRecord;
import io.brokerpolicy.domain.PriceShocks;
import io.brokerpolicy.engine.CompiledPolicy;
import io.brokerpolicy.intake.ShocksParser;
import io.brokerpolicy.persistence.PolicyVersionStore;
import io.brokerpolicy.policy.PolicyLifecycle;
import io.brokerpolicy.policy.StressTest;
import io.brokerpolicy.policy.StressTesting;
import jakarta.inject.Inject;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * The stress test (risk-editor): percent moves of mark prices, by symbol or instrument class, applied to the latest
 * stored snapshot of every account under one policy version, active or draft. Nothing is stored.
 */
@Path("/api/v1/policy/versions/{n}/stress")
@Produces(MediaType.APPLICATION_JSON)
public class StressResource {

    @Inject
    PolicyVersionStore store;
    @Inject
    PolicyLifecycle lifecycle;
    @Inject
    StressTesting stressTesting;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public StressTest.Report stress(@PathParam("n") long n, String body) throws JsonProcessingException {
        PriceShocks shocks = ShocksParser.parse(RequestBodies.readJson(body));
        PolicyVersionRecord v = store.find(n).orElseThrow(() -> new NotFoundException("policy version " + n + " does not exist"));
        if (PolicyVersionStore.State.REJECTED.name().equals(v.state())) {
            throw new ClientErrorException("policy version " + n + " was rejected; there is nothing to stress", 409);
        }
        CompiledPolicy policy = lifecycle.compiledVersion(n);
        try {
            return stressTesting.run(policy, shocks);
        } catch (StressTesting.AlreadyRunning e) {
            throw new ClientErrorException(e.getMessage(), 429);
        }
    }
}
