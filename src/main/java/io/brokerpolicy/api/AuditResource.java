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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Proof that the audit record was not altered: verification of every row against every signed checkpoint,
 * the checkpoints themselves, the public key that checks them, and consistency proofs between two sizes.
 */
@Path("/api/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = ApiDocument.AUDIT)
@APIResponse(responseCode = "401", ref = ApiDocument.UNAUTHORIZED)
@APIResponse(responseCode = "403", ref = ApiDocument.FORBIDDEN)
@APIResponse(responseCode = "503", ref = ApiDocument.UNAVAILABLE)
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
    @Operation(operationId = "verifyAuditLog", summary = "Check every stored record against every signed checkpoint")
    @APIResponse(responseCode = "200", description = "ok, or the first broken record",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LogVerification.class)))
    public LogVerification verify(@Context SecurityContext caller) {
        LogVerification result = verifier.verify();
        readLog.record(VerdictResource.actor(caller), AuditReadLog.Action.VERIFY, null, "ok=" + result.ok() + " checked="
                + result.checked() + " checkpoints=" + result.checkpointsChecked()
                + (result.brokenAt() == null ? "" : " brokenAt=" + result.brokenAt().leafIndex()));
        return result;
    }

    @GET
    @Path("/checkpoints/latest")
    @Operation(operationId = "getLatestCheckpoint", summary = "The newest signed checkpoint (C2SP tlog-checkpoint)")
    @APIResponse(responseCode = "200", description = "The checkpoint",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = AuditProofs.CheckpointView.class)))
    @APIResponse(responseCode = "404", description = "No checkpoint signed yet: the log is empty",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    public Response latestCheckpoint() {
        return proofs.latestCheckpoint().map(c -> Response.ok(c).build())
                .orElseGet(() -> ErrorMappers.answer(Response.Status.NOT_FOUND, ErrorBody.of("no checkpoint has been "
                        + "signed yet: the log is empty")));
    }

    /** Takes every record written so far into the tree and signs a checkpoint now: 201, or 200 when nothing grew since the last. */
    @POST
    @Path("/checkpoints")
    @Operation(operationId = "signCheckpoint", summary = "Take every record written so far into the tree and sign a checkpoint")
    @APIResponse(responseCode = "201", description = "A new checkpoint",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = AuditProofs.CheckpointView.class)))
    @APIResponse(responseCode = "200", description = "Nothing grew since the last checkpoint: the last one",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = AuditProofs.CheckpointView.class)))
    @APIResponse(responseCode = "409", description = "The log is empty, or refuses to sign",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
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
    @Operation(operationId = "getPublicKey", summary = "The Ed25519 key that checks the checkpoints")
    @APIResponse(responseCode = "200", description = "The public key",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = AuditProofs.PublicKeyView.class)))
    public AuditProofs.PublicKeyView publicKey() {
        return proofs.publicKey();
    }

    /** {"first", "second", "proof": [...]}: the tree of {@code second} leaves extends the tree of {@code first} (RFC 9162 §2.1.4). */
    @GET
    @Path("/consistency")
    @Operation(operationId = "getConsistencyProof", summary = "Prove that the tree of `second` leaves extends the tree of"
            + " `first` leaves (RFC 9162 §2.1.4)")
    @APIResponse(responseCode = "200", description = "The consistency proof",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = AuditProofs.ConsistencyProof.class)))
    @APIResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST)
    public AuditProofs.ConsistencyProof consistency(
            @Parameter(required = true, description = "The smaller tree size, e.g. a checkpoint's treeSize",
                    schema = @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "1")) @QueryParam("first") String first,
            @Parameter(required = true, description = "The larger tree size",
                    schema = @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "1")) @QueryParam("second") String second) {
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
