package io.brokerpolicy.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.brokerpolicy.audit.PolicyVersionRecord;
import io.brokerpolicy.bundle.BundleDiff;
import io.brokerpolicy.bundle.PolicyBundle;
import io.brokerpolicy.domain.policy.BundleError;
import io.brokerpolicy.engine.CompiledPolicy;
import io.brokerpolicy.intake.FieldError;
import io.brokerpolicy.intake.InvalidRequestException;
import io.brokerpolicy.persistence.ActiveVersionChangedException;
import io.brokerpolicy.persistence.PolicyVersionStore;
import io.brokerpolicy.persistence.SnapshotHistory;
import io.brokerpolicy.policy.ActivePolicy;
import io.brokerpolicy.policy.BundleValidator;
import io.brokerpolicy.policy.PolicyLifecycle;
import io.brokerpolicy.policy.Simulation;
import jakarta.inject.Inject;
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
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** The policy versions: which one serves, and (for risk teams) their history and lifecycle. */
@Path("/api/v1/policy")
@Produces(MediaType.APPLICATION_JSON)
public class PolicyResource {

    static final int DEFAULT_SIMULATION_SIZE = 1_000;
    static final int MAX_SIMULATION_SIZE = 100_000;

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

    public record ActiveView(long version, String hash, Instant activatedAt, List<String> files) {
    }

    public record RejectionView(Instant at, String source, String hash, List<BundleError> errors) {
    }

    public record StatusView(ActiveView active, RejectionView lastRejected) {
    }

    public record VersionView(long version, String hash, String state, Instant createdAt, String createdBy,
                              String source, Instant activatedAt) {
        static VersionView of(PolicyVersionRecord v) {
            return new VersionView(v.version(), v.hash(), v.state(), v.createdAt(), v.createdBy(), v.source(), v.activatedAt());
        }
    }

    public record VersionDetail(long version, String hash, String state, Instant createdAt, String createdBy,
                                String source, Instant activatedAt, Map<String, String> files, List<String> errors) {
    }

    public record ValidationView(boolean valid, String hash, int scenariosRun, List<BundleError> errors) {
    }

    public record DraftView(long version, String hash, String state, boolean created, int scenariosRun) {
    }

    public record DiffView(long from, long to, String diff) {
    }

    @GET
    @Path("/active")
    public ActiveView active() {
        return view(active.get());
    }

    @GET
    @Path("/status")
    public StatusView status() {
        RejectionView rejected = lifecycle.lastRejected()
                .map(r -> new RejectionView(r.at(), r.source(), r.hash(), r.errors())).orElse(null);
        return new StatusView(view(active.get()), rejected);
    }

    @GET
    @Path("/versions")
    public List<VersionView> versions() {
        return store.newestFirst().stream().map(VersionView::of).toList();
    }

    @GET
    @Path("/versions/{n}")
    public VersionDetail version(@PathParam("n") long n) {
        PolicyVersionRecord v = stored(n);
        List<String> errors = v.errors() == null ? List.of() : Arrays.asList(v.errors().split("\n"));
        return new VersionDetail(v.version(), v.hash(), v.state(), v.createdAt(), v.createdBy(), v.source(), v.activatedAt(),
                store.bundleOf(n).files(), errors);
    }

    @GET
    @Path("/versions/{n}/diff/{m}")
    public DiffView diff(@PathParam("n") long n, @PathParam("m") long m) {
        return new DiffView(n, m, unifiedDiff(n, m));
    }

    /** The same diff as plain text, for {@code patch} or a terminal: ask with {@code Accept: text/plain}. */
    @GET
    @Path("/versions/{n}/diff/{m}")
    @Produces(MediaType.TEXT_PLAIN)
    public String diffText(@PathParam("n") long n, @PathParam("m") long m) {
        return unifiedDiff(n, m);
    }

    @POST
    @Path("/validate")
    @Consumes(MediaType.APPLICATION_JSON)
    public ValidationView validate(String body) throws JsonProcessingException {
        PolicyBundle bundle = DraftFiles.read(body, lifecycle.activeBundle());
        BundleValidator.Validation validation = lifecycle.validate(bundle);
        return new ValidationView(validation.valid(), bundle.hash(), validation.scenariosRun(), validation.errors());
    }

    @POST
    @Path("/drafts")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response draft(String body, @Context SecurityContext security) throws JsonProcessingException {
        PolicyBundle bundle = DraftFiles.read(body, lifecycle.activeBundle());
        PolicyLifecycle.DraftOutcome outcome = lifecycle.createDraft(bundle, actor(security));
        if (!outcome.valid()) {
            return Response.status(422).type(MediaType.APPLICATION_JSON)
                    .entity(new ValidationView(false, bundle.hash(), outcome.scenariosRun(), outcome.errors())).build();
        }
        PolicyVersionRecord v = outcome.version();
        return Response.status(outcome.created() ? 201 : 200)
                .entity(new DraftView(v.version(), v.hash(), v.state(), outcome.created(), outcome.scenariosRun())).build();
    }

    @POST
    @Path("/versions/{n}/activate")
    public ActiveView activate(@PathParam("n") long n, @Context SecurityContext security) {
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
    public ActiveView rollback(@Context SecurityContext security) {
        try {
            lifecycle.rollback(actor(security));
        } catch (IllegalStateException | ActiveVersionChangedException e) {
            throw new ClientErrorException(e.getMessage(), 409);
        }
        return view(active.get());
    }

    @POST
    @Path("/versions/{n}/simulate")
    public Simulation.Report simulate(@PathParam("n") long n,
                                      @QueryParam("last") @DefaultValue("" + DEFAULT_SIMULATION_SIZE) int last) {
        if (last < 1 || last > MAX_SIMULATION_SIZE) {
            throw new InvalidRequestException("last must be from 1 to " + MAX_SIMULATION_SIZE,
                    List.of(new FieldError("last", "must be from 1 to " + MAX_SIMULATION_SIZE + ", not " + last)));
        }
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

    private static ActiveView view(ActivePolicy.Active current) {
        CompiledPolicy policy = current.policy();
        return new ActiveView(policy.version(), policy.hash(), current.activatedAt(), policy.bundle().paths());
    }

    private static String actor(SecurityContext security) {
        return security != null && security.getUserPrincipal() != null ? security.getUserPrincipal().getName() : "anonymous";
    }
}
