package io.brokerpolicy.api;

import io.brokerpolicy.audit.AuditLogVerifier;
import io.brokerpolicy.audit.AuditProofs;
import io.brokerpolicy.audit.LogVerification;
import io.brokerpolicy.persistence.AuditLogWriter;
import io.brokerpolicy.persistence.AuditReadLog;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

/**
 * Proof that the audit record was not altered: verification of every row against every signed checkpoint,
 * the checkpoints themselves, the public key that checks them, and consistency proofs between two sizes.
 */
@Path("/api/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    @Inject
    AuditLogVerifier verifier;
    @Inject
    AuditProofs proofs;
    @Inject
    AuditLogWriter writer;
    @Inject
    AuditReadLog readLog;

    /**
     * {"ok": true, "checked": n, "treeSize": n, "checkpointsChecked": k, "pending": p} or, when any row
     * disagrees with a signed checkpoint, also "brokenAt": {leafIndex, table, id, reason}.
     */
    @GET
    @Path("/verify")
    public LogVerification verify(@Context SecurityContext caller) {
        LogVerification result = verifier.verify();
        readLog.record(VerdictResource.actor(caller), AuditReadLog.Action.VERIFY, null, "ok=" + result.ok() + " checked="
                + result.checked() + " checkpoints=" + result.checkpointsChecked()
                + (result.brokenAt() == null ? "" : " brokenAt=" + result.brokenAt().leafIndex()));
        return result;
    }

    @GET
    @Path("/checkpoints/latest")
    public Response latestCheckpoint() {
        return proofs.latestCheckpoint().map(c -> Response.ok(c).build())
                .orElseGet(() -> ErrorMappers.answer(Response.Status.NOT_FOUND, ErrorBody.of("no checkpoint has been "
                        + "signed yet: the log is empty")));
    }

    /** Takes every record written so far into the tree and signs a checkpoint now: 201, or 200 when nothing grew since the last. */
    @POST
    @Path("/checkpoints")
    public Response checkpointNow() {
        try {
            return writer.checkpointNow()
                    .map(signed -> Response.status(signed.created() ? Response.Status.CREATED : Response.Status.OK)
                            .entity(AuditProofs.CheckpointView.of(signed.entry())).build())
                    .orElseGet(() -> ErrorMappers.answer(Response.Status.CONFLICT,
                            ErrorBody.of("the log is empty: there is nothing to sign")));
        } catch (AuditLogWriter.LogRefusedException e) {
            return ErrorMappers.answer(Response.Status.CONFLICT, ErrorBody.of("no checkpoint signed: " + e.getMessage()));
        }
    }

    @GET
    @Path("/public-key")
    public AuditProofs.PublicKeyView publicKey() {
        return proofs.publicKey();
    }

    /** {"first", "second", "proof": [...]}: the tree of {@code second} leaves extends the tree of {@code first} (RFC 9162 §2.1.4). */
    @GET
    @Path("/consistency")
    public AuditProofs.ConsistencyProof consistency(@QueryParam("first") String first, @QueryParam("second") String second) {
        QueryParameters p = new QueryParameters();
        Long firstSize = p.longInRange("first", first, 1, Long.MAX_VALUE);
        Long secondSize = p.longInRange("second", second, 1, Long.MAX_VALUE);
        if (first == null || first.isBlank()) {
            p.problem("first", "is required: the smaller tree size, e.g. a checkpoint's treeSize");
        }
        if (second == null || second.isBlank()) {
            p.problem("second", "is required: the larger tree size");
        }
        p.check("consistency proof");
        try {
            return proofs.consistency(firstSize, secondSize);
        } catch (IllegalArgumentException e) {
            p.problem("second", e.getMessage());
            p.check("consistency proof");
            throw e;
        }
    }
}
