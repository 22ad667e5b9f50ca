package io.brokerpolicy.api;

import io.brokerpolicy.api.dto.StressResult;
import io.brokerpolicy.api.dto.StressShocks;
import io.brokerpolicy.audit.PolicyVersionRecord;
import io.brokerpolicy.domain.PriceShocks;
import io.brokerpolicy.engine.CompiledPolicy;
import io.brokerpolicy.intake.Json;
import io.brokerpolicy.intake.ShocksParser;
import io.brokerpolicy.persistence.PolicyVersionStore;
import io.brokerpolicy.policy.PolicyLifecycle;
import io.brokerpolicy.policy.StressTest;
import io.brokerpolicy.policy.StressTesting;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The stress test (risk-editor): percent moves of mark prices, by symbol or instrument class, applied to the latest
 * stored snapshot of every account under one policy version, active or draft. Nothing is stored.
 */
@Path("/api/v1/policy/versions/{n}/stress")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = ApiDocument.POLICY)
public class StressResource {

    @Inject
    PolicyVersionStore store;
    @Inject
    PolicyLifecycle lifecycle;
    @Inject
    StressTesting stressTesting;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "stressPolicyVersion", summary = "Shock mark prices and evaluate every account's latest snapshot",
            description = "Under version n, active or draft; nothing is stored.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = StressShocks.class),
            examples = @ExampleObject(name = "crypto-crash", summary = "BTCUSDT down 20%, major FX pairs up 3%",
                    value = ApiExamples.SHOCKS)))
    @APIResponse(responseCode = "200", description = "The stress test",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = StressResult.class)))
    @APIResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = ApiDocument.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = ApiDocument.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
    @APIResponse(responseCode = "409", description = "The version was rejected",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "413", ref = ApiDocument.TOO_LARGE)
    @APIResponse(responseCode = "429", description = "A stress test is already running; retry when it is done",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "503", ref = ApiDocument.UNAVAILABLE)
    public StressTest.Report stress(@PathParam("n") long n,
                                    @NotNull(message = "send a JSON object: {\"shocks\": {\"BTCUSDT\": -20}}") @Valid
                                    StressShocks body) {
        PriceShocks shocks = ShocksParser.parse(Json.MAPPER.valueToTree(body));
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
