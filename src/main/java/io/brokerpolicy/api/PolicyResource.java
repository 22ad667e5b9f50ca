package io.brokerpolicy.api;

import io.brokerpolicy.api.dto.PolicyFiles;
import io.brokerpolicy.api.dto.PolicyViews;
import io.brokerpolicy.api.dto.SimulationResult;
import io.brokerpolicy.audit.PolicyVersionRecord;
import io.brokerpolicy.bundle.BundleDiff;
import io.brokerpolicy.bundle.PolicyBundle;
import io.brokerpolicy.engine.CompiledPolicy;
import io.brokerpolicy.persistence.ActiveVersionChangedException;
import io.brokerpolicy.persistence.PolicyVersionStore;
import io.brokerpolicy.persistence.SnapshotHistory;
import io.brokerpolicy.policy.ActivePolicy;
import io.brokerpolicy.policy.BundleValidator;
import io.brokerpolicy.policy.PolicyLifecycle;
import io.brokerpolicy.policy.Simulation;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The policy versions: which one serves, and (for risk teams) their history and lifecycle. */
@Path("/api/v1/policy")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = ApiDocument.POLICY)
@APIResponse(responseCode = "401", ref = ApiDocument.UNAUTHORIZED)
@APIResponse(responseCode = "403", ref = ApiDocument.FORBIDDEN)
@APIResponse(responseCode = "503", ref = ApiDocument.UNAVAILABLE)
public class PolicyResource {

    static final int DEFAULT_SIMULATION_SIZE = 1_000;
    static final int MAX_SIMULATION_SIZE = 100_000;
    static final String LAST_RANGE = "must be from 1 to " + MAX_SIMULATION_SIZE;
    static final String BODY_REQUIRED = "send a JSON object: {\"files\": {\"rules/margin.drl\": \"...\"}}";

    @Inject
    ActivePolicy active;
    @Inject
    PolicyLifecycle lifecycle;
    @Inject
    PolicyVersionStore store;
    @Inject
    SnapshotHistory history;
    @Inject
    Clock clock;

    @GET
    @Path("/active")
    @Operation(operationId = "getActivePolicy", summary = "The policy version that decides evaluations now")
    @APIResponse(responseCode = "200", description = "The active version",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PolicyViews.Active.class)))
    public PolicyViews.Active active() {
        return view(active.get());
    }

    @GET
    @Path("/status")
    @Operation(operationId = "getPolicyStatus", summary = "The active version and the last refused change")
    @APIResponse(responseCode = "200", description = "The status",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PolicyViews.Status.class)))
    public PolicyViews.Status status() {
        PolicyViews.Rejection rejected = lifecycle.lastRejected()
                .map(r -> new PolicyViews.Rejection(r.at(), r.source(), r.hash(), r.errors())).orElse(null);
        return new PolicyViews.Status(view(active.get()), rejected);
    }

    @GET
    @Path("/versions")
    @Operation(operationId = "listPolicyVersions", summary = "Every policy version, newest first")
    @APIResponse(responseCode = "200", description = "The versions",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = PolicyViews.Version.class)))
    public List<PolicyViews.Version> versions() {
        return store.newestFirst().stream().map(PolicyViews.Version::of).toList();
    }

    @GET
    @Path("/versions/{n}")
    @Operation(operationId = "getPolicyVersion", summary = "One policy version with its files")
    @APIResponse(responseCode = "200", description = "The version",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PolicyViews.VersionDetail.class)))
    @APIResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
    public PolicyViews.VersionDetail version(@PathParam("n") long n) {
        PolicyVersionRecord v = stored(n);
        List<String> errors = v.errors() == null ? List.of() : Arrays.asList(v.errors().split("\n"));
        return new PolicyViews.VersionDetail(v.version(), v.hash(), v.state(), v.createdAt(), v.createdBy(), v.source(), v.activatedAt(),
                store.bundleOf(n).files(), errors);
    }

    @GET
    @Path("/versions/{n}/diff/{m}")
    @Operation(operationId = "diffPolicyVersions", summary = "Unified diff between two policy versions")
    @APIResponse(responseCode = "200", description = "The diff; as plain text with Accept: text/plain",
            content = {@Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PolicyViews.Diff.class)),
                @Content(mediaType = MediaType.TEXT_PLAIN, schema = @Schema(type = SchemaType.STRING))})
    @APIResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
    public PolicyViews.Diff diff(@Parameter(description = "The version diffed from") @PathParam("n") long n,
                                 @Parameter(description = "The version diffed to") @PathParam("m") long m) {
        return new PolicyViews.Diff(n, m, unifiedDiff(n, m));
    }

    /** The same diff as plain text, for {@code patch} or a terminal: ask with {@code Accept: text/plain}. */
    @GET
    @Path("/versions/{n}/diff/{m}")
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(hidden = true) // documented with diffPolicyVersions, as its text/plain answer
    public String diffText(@PathParam("n") long n, @PathParam("m") long m) {
        return unifiedDiff(n, m);
    }

    @POST
    @Path("/validate")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "validatePolicy", summary = "Compile and check a bundle with the scenarios; nothing is stored")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = PolicyFiles.class)))
    @APIResponse(responseCode = "200", description = "Whether the bundle is valid, with every error by file and line",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PolicyViews.Validation.class)))
    @APIResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST)
    @APIResponse(responseCode = "413", ref = ApiDocument.TOO_LARGE)
    public PolicyViews.Validation validate(@NotNull(message = BODY_REQUIRED) @Valid PolicyFiles body) {
        PolicyBundle bundle = DraftFiles.over(body, lifecycle.activeBundle());
        BundleValidator.Validation validation = lifecycle.validate(bundle);
        return new PolicyViews.Validation(validation.valid(), bundle.hash(), validation.scenariosRun(), validation.errors());
    }

    @POST
    @Path("/drafts")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createPolicyDraft", summary = "Store a draft version",
            description = "Stored when the bundle compiles, passes the rule-language check and its scenarios.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = PolicyFiles.class)))
    @APIResponse(responseCode = "201", description = "The draft, new",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PolicyViews.Draft.class)))
    @APIResponse(responseCode = "200", description = "The same bundle was already a version: that version",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PolicyViews.Draft.class)))
    @APIResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST)
    @APIResponse(responseCode = "413", ref = ApiDocument.TOO_LARGE)
    @APIResponse(responseCode = "422", description = "The bundle is not valid: every error by file and line; nothing stored",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PolicyViews.Validation.class)))
    public Response draft(@NotNull(message = BODY_REQUIRED) @Valid PolicyFiles body, @Context SecurityContext security) {
        PolicyBundle bundle = DraftFiles.over(body, lifecycle.activeBundle());
        PolicyLifecycle.DraftOutcome outcome = lifecycle.createDraft(bundle, actor(security));
        if (!outcome.valid()) {
            return Response.status(422).type(MediaType.APPLICATION_JSON)
                    .entity(new PolicyViews.Validation(false, bundle.hash(), outcome.scenariosRun(), outcome.errors())).build();
        }
        PolicyVersionRecord v = outcome.version();
        return Response.status(outcome.created() ? 201 : 200)
                .entity(new PolicyViews.Draft(v.version(), v.hash(), v.state(), outcome.created(), outcome.scenariosRun())).build();
    }

    @POST
    @Path("/versions/{n}/activate")
    @Operation(operationId = "activatePolicyVersion", summary = "Make a version the active one")
    @APIResponse(responseCode = "200", description = "The active version",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PolicyViews.Active.class)))
    @APIResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
    @APIResponse(responseCode = "409", description = "The version was rejected, or the active version changed meanwhile",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    public PolicyViews.Active activate(@PathParam("n") long n, @Context SecurityContext security) {
        PolicyVersionRecord v = stored(n);
        if (PolicyVersionStore.State.REJECTED.name().equals(v.state())) {
            throw new ClientErrorException("policy version " + n + " was rejected and cannot be activated", 409);
        }
        try {
            lifecycle.activate(n, actor(security), "activated through the API");
        } catch (ActiveVersionChangedException e) {
            throw new ClientErrorException(e.getMessage(), 409);
        }
        return view(active.get());
    }

    @POST
    @Path("/rollback")
    @Operation(operationId = "rollbackPolicy", summary = "Make the previously active version active again")
    @APIResponse(responseCode = "200", description = "The active version",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PolicyViews.Active.class)))
    @APIResponse(responseCode = "409", description = "There is no previous version, or the active version changed meanwhile",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    public PolicyViews.Active rollback(@Context SecurityContext security) {
        try {
            lifecycle.rollback(actor(security));
        } catch (IllegalStateException | ActiveVersionChangedException e) {
            throw new ClientErrorException(e.getMessage(), 409);
        }
        return view(active.get());
    }

    @POST
    @Path("/versions/{n}/simulate")
    @Operation(operationId = "simulatePolicyVersion", summary = "Which decisions a version would change on the last stored snapshots")
    @APIResponse(responseCode = "200", description = "The simulation; nothing is stored",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SimulationResult.class)))
    @APIResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
    @APIResponse(responseCode = "409", description = "The version was rejected",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    public Simulation.Report simulate(@PathParam("n") long n,
                                      @Parameter(description = "How many of the newest stored snapshots",
                                              schema = @Schema(type = SchemaType.INTEGER, format = "int32", minimum = "1",
                                                      maximum = "" + MAX_SIMULATION_SIZE,
                                                      defaultValue = "" + DEFAULT_SIMULATION_SIZE))
                                      @QueryParam("last") @DefaultValue("" + DEFAULT_SIMULATION_SIZE)
                                      @Min(value = 1, message = LAST_RANGE) @Max(value = MAX_SIMULATION_SIZE, message = LAST_RANGE)
                                      int last) {
        PolicyVersionRecord v = stored(n);
        if (PolicyVersionStore.State.REJECTED.name().equals(v.state())) {
            throw new ClientErrorException("policy version " + n + " was rejected; there is nothing to simulate", 409);
        }
        CompiledPolicy candidate = lifecycle.compiledVersion(n);
        CompiledPolicy baseline = active.get().policy();
        return new Simulation(clock).run(candidate, baseline, history.newest(last));
    }

    private String unifiedDiff(long n, long m) {
        stored(n);
        stored(m);
        return BundleDiff.between(store.bundleOf(n), n, store.bundleOf(m), m);
    }

    private PolicyVersionRecord stored(long n) {
        return store.find(n).orElseThrow(() -> new NotFoundException("policy version " + n + " does not exist"));
    }

    private static PolicyViews.Active view(ActivePolicy.Active current) {
        CompiledPolicy policy = current.policy();
        return new PolicyViews.Active(policy.version(), policy.hash(), current.activatedAt(), policy.bundle().paths());
    }

    private static String actor(SecurityContext security) {
        return security != null && security.getUserPrincipal() != null ? security.getUserPrincipal().getName() : "anonymous";
    }
}
