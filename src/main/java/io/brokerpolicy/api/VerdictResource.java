package io.brokerpolicy.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import io.brokerpolicy.api.dto.ReplayResult;
import io.brokerpolicy.api.dto.StoredVerdict;
import io.brokerpolicy.api.dto.VerdictPage;
import io.brokerpolicy.app.VerdictReplay;
import io.brokerpolicy.audit.AccountIdMasker;
import io.brokerpolicy.audit.AuditProofs;
import io.brokerpolicy.audit.ExportFormat;
import io.brokerpolicy.audit.LoggedKind;
import io.brokerpolicy.audit.VerdictCriteria;
import io.brokerpolicy.audit.VerdictExport;
import io.brokerpolicy.audit.VerdictRecord;
import io.brokerpolicy.audit.VerdictRecords;
import io.brokerpolicy.audit.VerdictSchemas;
import io.brokerpolicy.audit.VerdictSearch;
import io.brokerpolicy.domain.AccountStatus;
import io.brokerpolicy.intake.Json;
import io.brokerpolicy.persistence.AuditLogWriter;
import io.brokerpolicy.persistence.AuditReadLog;
import io.brokerpolicy.persistence.StoredVerdicts;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
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
import jakarta.ws.rs.core.StreamingOutput;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Compliance reads stored verdicts here: search, the whole record of one verdict (verdict, input
 * snapshot, audit link), its replay, and exports of a time range. Every read is written to the
 * audit access log with who made it.
 */
@Path("/api/v1/verdicts")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = ApiDocument.VERDICTS)
@APIResponse(responseCode = "401", ref = ApiDocument.UNAUTHORIZED)
@APIResponse(responseCode = "403", ref = ApiDocument.FORBIDDEN)
@APIResponse(responseCode = "503", ref = ApiDocument.UNAVAILABLE)
public class VerdictResource {

    private static final String TIME = "An ISO-8601 instant (2026-11-21T14:03:11Z) or a date (2026-11-21, midnight UTC)";

    static final int DEFAULT_PAGE_SIZE = 50;
    static final int MAX_PAGE_SIZE = 500;

    @Inject
    VerdictSearch search;
    @Inject
    VerdictExport export;
    @Inject
    VerdictReplay replay;
    @Inject
    AuditReadLog readLog;
    @Inject
    AuditProofs proofs;
    @Inject
    AccountIdMasker masker;
    @Inject
    AuditLogWriter writer;

    /** Newest first: {"items": [verdict, …], "page", "size", "total"}; from/to bound evaluatedAt. */
    @GET
    @Operation(operationId = "searchVerdicts", summary = "Search stored verdicts, newest first")
    @APIResponse(responseCode = "200", description = "One page of verdicts",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = VerdictPage.class)))
    @APIResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST)
    public ObjectNode search(
            @Parameter(schema = @Schema(type = SchemaType.STRING, maxLength = QueryParameters.MAX_TEXT_LENGTH)) @QueryParam("accountId") String accountId,
            @Parameter(schema = @Schema(type = SchemaType.STRING, maxLength = QueryParameters.MAX_TEXT_LENGTH)) @QueryParam("brokerId") String brokerId,
            @Parameter(schema = @Schema(type = SchemaType.STRING, enumeration = {"HEALTHY", "MARGIN_CALL", "STOP_OUT"})) @QueryParam("status") String status,
            @Parameter(description = "Evaluated at or after (inclusive). " + TIME) @QueryParam("from") String from,
            @Parameter(description = "Evaluated before (exclusive). " + TIME) @QueryParam("to") String to,
            @Parameter(schema = @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "1"))
            @QueryParam("policyVersion") String policyVersion,
            @Parameter(description = "From 0", schema = @Schema(type = SchemaType.INTEGER, format = "int32", minimum = "0",
                    maximum = "1000000", defaultValue = "0")) @QueryParam("page") String page,
            @Parameter(schema = @Schema(type = SchemaType.INTEGER, format = "int32", minimum = "1",
                    maximum = "" + MAX_PAGE_SIZE, defaultValue = "" + DEFAULT_PAGE_SIZE)) @QueryParam("size") String size,
            @Context SecurityContext caller) {
        QueryParameters p = new QueryParameters();
        Instant fromInstant = p.instant("from", from);
        Instant toInstant = p.instant("to", to);
        if (fromInstant != null && toInstant != null && !fromInstant.isBefore(toInstant)) {
            p.problem("to", "must be after from (from is inclusive, to exclusive)");
        }
        Long pageNumber = p.longInRange("page", page, 0, 1_000_000);
        Long pageSize = p.longInRange("size", size, 1, MAX_PAGE_SIZE);
        VerdictCriteria criteria = new VerdictCriteria(p.text("accountId", accountId), p.text("brokerId", brokerId),
                p.oneOf("status", status, Arrays.stream(AccountStatus.values()).map(Enum::name).toList()),
                fromInstant, toInstant, p.longInRange("policyVersion", policyVersion, 1, Long.MAX_VALUE),
                pageNumber == null ? 0 : pageNumber.intValue(), pageSize == null ? DEFAULT_PAGE_SIZE : pageSize.intValue());
        p.check("search");
        VerdictSearch.Page found = search.find(criteria);
        readLog.record(actor(caller), AuditReadLog.Action.SEARCH, null, criteria.toString());
        ObjectNode answer = Json.MAPPER.createObjectNode();
        ArrayNode items = answer.putArray("items");
        // Each verdict as the API shows it, derived from the stored document without re-rendering its numbers.
        found.verdictJson().forEach(json -> items.addRawValue(new RawValue(VerdictSchemas.view(json))));
        answer.put("page", criteria.page());
        answer.put("size", criteria.size());
        answer.put("total", found.total());
        return answer;
    }

    @GET
    @Path("/{verdictId}")
    @Transactional
    @Operation(operationId = "getVerdict", summary = "Read the whole stored record of one verdict")
    @APIResponse(responseCode = "200", description = "The verdict, its input snapshot and its place in the audit log",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = StoredVerdict.class)))
    @APIResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
    public ObjectNode get(@Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("verdictId") String verdictId, @Context SecurityContext caller)
            throws JsonProcessingException {
        VerdictRecord row = stored(verdictId);
        readLog.record(actor(caller), AuditReadLog.Action.READ, verdictId, null);
        return VerdictRecords.fullRecord(row, proofs.position(LoggedKind.VERDICT, row.chainSeq()).orElse(null));
    }

    /**
     * That this verdict is in the audit log, checkable offline with the log's public key alone:
     * {"leafIndex", "record" (the exact bytes the leaf hashes), "auditPath", "checkpoint"}. A verdict not yet
     * under a signed checkpoint gets one signed now.
     */
    @GET
    @Path("/{verdictId}/proof")
    @Operation(operationId = "getVerdictProof", summary = "Prove that a verdict is in the audit log",
            description = "An RFC 9162 inclusion proof against a signed checkpoint, checkable with the public key alone.")
    @APIResponse(responseCode = "200", description = "The inclusion proof",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = AuditProofs.InclusionProof.class)))
    @APIResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
    @APIResponse(responseCode = "409", description = "The verdict is not yet under a signed checkpoint, and none can be"
            + " signed now; retry", content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ErrorBody.class)))
    public Response proof(@Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("verdictId") String verdictId, @Context SecurityContext caller) {
        // outside any transaction: the log writer and the proof reader run their own
        VerdictRecord row = QuarkusTransaction.requiringNew().call(() -> stored(verdictId));
        Optional<AuditProofs.InclusionProof> proof = proofs.inclusion(LoggedKind.VERDICT, row.chainSeq());
        if (proof.isEmpty()) {
            try {
                writer.checkpointNow();
            } catch (AuditLogWriter.LogRefusedException e) {
                return ErrorMappers.answer(Response.Status.CONFLICT, ErrorBody.of("verdict " + verdictId
                        + " is not yet under a signed checkpoint, and none can be signed: " + e.getMessage()));
            }
            proof = proofs.inclusion(LoggedKind.VERDICT, row.chainSeq());
        }
        if (proof.isEmpty()) {
            return Response.status(Response.Status.CONFLICT).header("Retry-After", "5").type(MediaType.APPLICATION_JSON)
                    .entity(ErrorBody.of("verdict " + verdictId + " is not yet under a signed checkpoint; retry in a few"
                            + " seconds")).build();
        }
        readLog.record(actor(caller), AuditReadLog.Action.PROOF, verdictId, "leaf=" + proof.get().leafIndex()
                + " treeSize=" + proof.get().checkpoint().treeSize());
        return Response.ok(proof.get()).build();
    }

    /** Re-evaluates the stored snapshot under its own policy version and under the active one; stores no verdict. */
    @POST
    @Path("/{verdictId}/replay")
    @Transactional
    @Operation(operationId = "replayVerdict", summary = "Evaluate a stored verdict's snapshot again",
            description = "Under the stored policy version (identical when the decision is the same) and under the active"
                    + " one; stores no verdict.")
    @APIResponse(responseCode = "200", description = "The replay",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReplayResult.class)))
    @APIResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
    public String replay(@Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("verdictId") String verdictId, @Context SecurityContext caller)
            throws JsonProcessingException {
        VerdictRecord row = stored(verdictId);
        VerdictReplay.Report report = replay.replay(row);
        readLog.record(actor(caller), AuditReadLog.Action.REPLAY, verdictId, "identical=" + report.identical()
                + " storedVersion=" + report.storedPolicy().version() + " activeVersion="
                + report.activePolicy().version() + " differences=" + report.differences().size());
        // The service's own mapper: verdict numbers keep their scale and plain notation, as stored.
        return Json.MAPPER.writeValueAsString(report);
    }

    /**
     * Every verdict evaluated in [from, to), oldest first, streamed as CSV or NDJSON; with {@code proofs=true}
     * (NDJSON, account ids not masked) each line also carries its inclusion proof against a checkpoint signed
     * at the start of the export.
     */
    @GET
    @Path("/export")
    @Produces({"text/csv", EvaluationResource.NDJSON, MediaType.APPLICATION_JSON})
    @Operation(operationId = "exportVerdicts", summary = "Export the verdicts of a time range, oldest first")
    @APIResponse(responseCode = "200", description = "CSV, or NDJSON of stored verdicts (with their inclusion proofs when"
            + " proofs=true)", content = {
                @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING)),
                @Content(mediaType = EvaluationResource.NDJSON, schema = @Schema(type = SchemaType.STRING))})
    @APIResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST)
    public Response export(
            @Parameter(required = true, description = "Start, inclusive. " + TIME) @QueryParam("from") String from,
            @Parameter(required = true, description = "End, exclusive. " + TIME) @QueryParam("to") String to,
            @Parameter(schema = @Schema(type = SchemaType.STRING, enumeration = {"csv", "ndjson"}, defaultValue = "csv")) @QueryParam("format") String format,
            @Parameter(description = "NDJSON only: each line with its inclusion proof",
                    schema = @Schema(type = SchemaType.BOOLEAN, defaultValue = "false")) @QueryParam("proofs") String proofs,
            @Context SecurityContext caller) {
        QueryParameters p = new QueryParameters();
        Instant fromInstant = p.instant("from", from);
        Instant toInstant = p.instant("to", to);
        if (from == null || from.isBlank()) {
            p.problem("from", "is required: the start of the range (inclusive), e.g. 2026-11-01T00:00:00Z");
        }
        if (to == null || to.isBlank()) {
            p.problem("to", "is required: the end of the range (exclusive), e.g. 2026-12-01T00:00:00Z");
        }
        if (fromInstant != null && toInstant != null && !fromInstant.isBefore(toInstant)) {
            p.problem("to", "must be after from (from is inclusive, to exclusive)");
        }
        ExportFormat exportFormat = format == null || format.isBlank() ? ExportFormat.CSV
                : p.parsed("format", format, f -> ExportFormat.valueOf(f.toUpperCase(Locale.ROOT)), "csv or ndjson");
        boolean withProofs = proofs != null && !proofs.isBlank()
                && p.oneOf("proofs", proofs, List.of("true", "false")) != null && proofs.equals("true");
        if (withProofs && exportFormat != ExportFormat.NDJSON) {
            p.problem("proofs", "come with format=ndjson");
        }
        if (withProofs && masker.enabled()) {
            p.problem("proofs", "hold each exact record, account id included, and account ids are masked in exports"
                    + " here (brokerpolicy.export.mask-account-ids)");
        }
        p.check("export");
        String actor = actor(caller);
        readLog.record(actor, AuditReadLog.Action.EXPORT, null, "from=" + fromInstant + " to=" + toInstant
                + " format=" + exportFormat.extension() + (withProofs ? " proofs" : ""));
        if (withProofs) {
            try {
                writer.checkpointNow();
            } catch (AuditLogWriter.LogRefusedException e) {
                // the export still goes out; verdicts newer than the last checkpoint come without a proof
            }
        }
        StreamingOutput body = out -> export.write(fromInstant, toInstant, exportFormat, withProofs, out);
        String fileName = "verdicts-" + fromInstant + "-" + toInstant + "." + exportFormat.extension();
        return Response.ok(body, exportFormat.mediaType())
                .header("Content-Disposition", "attachment; filename=\"" + fileName.replace(':', '-') + "\"")
                .build();
    }

    static String actor(SecurityContext caller) {
        return caller == null || caller.getUserPrincipal() == null ? "anonymous" : caller.getUserPrincipal().getName();
    }

    private static VerdictRecord stored(String verdictId) {
        return StoredVerdicts.byVerdictId(parseId(verdictId))
                .orElseThrow(() -> new NotFoundException("no verdict " + verdictId));
    }

    static UUID parseId(String verdictId) {
        try {
            return UUID.fromString(verdictId);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("no verdict " + verdictId + " (a verdictId is a UUID)");
        }
    }
}
