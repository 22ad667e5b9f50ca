package io.brokerpolicy.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.brokerpolicy.api.dto.Snapshot;
import io.brokerpolicy.api.dto.Verdict;
import io.brokerpolicy.app.EvaluationService;
import io.brokerpolicy.audit.StoredVerdict;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.List;

/**
 * Trading systems send account snapshots here and act on the verdicts. The bodies are read and the verdicts written
 * by the intake and the verdict store themselves (streamed, bytes written once), so the document types them with
 * annotations rather than through the method signatures.
 */
@Path("/api/v1/evaluations")
@Tag(name = ApiDocument.EVALUATIONS)
public class EvaluationResource {

    public static final String NDJSON = "application/x-ndjson";
    static final int MAX_BATCH = EvaluationService.MAX_BATCH;

    @Inject
    EvaluationService evaluations;

    /** 201 with the new verdict; 200 with the stored one when the snapshotId was evaluated before. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "evaluate", summary = "Evaluate one account snapshot",
            description = "Evaluates the snapshot under the active policy version and stores the verdict before"
                    + " answering. The snapshotId is the idempotency key: the same snapshot again answers the stored"
                    + " verdict (200) and stores nothing; other content under the same snapshotId is a conflict (409).")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = Snapshot.class),
            examples = {
                @ExampleObject(name = "stop-out", summary = "examples/stop-out.json: margin level 37.5%, stopped out",
                        value = ApiExamples.STOP_OUT),
                @ExampleObject(name = "healthy", summary = "examples/healthy.json", value = ApiExamples.HEALTHY),
                @ExampleObject(name = "crypto-partial-liquidation", summary = "examples/crypto-partial-liquidation.json",
                        value = ApiExamples.CRYPTO_PARTIAL_LIQUIDATION)}))
    @APIResponse(responseCode = "201", description = "The new verdict, stored",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Verdict.class)))
    @APIResponse(responseCode = "200", description = "The verdict stored for this snapshotId before; nothing new stored",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Verdict.class)))
    @APIResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = ApiDocument.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = ApiDocument.FORBIDDEN)
    @APIResponse(responseCode = "409", description = "This snapshotId was evaluated before with other content",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "413", ref = ApiDocument.TOO_LARGE)
    @APIResponse(responseCode = "422", ref = ApiDocument.NO_POLICY)
    @APIResponse(responseCode = "500", ref = ApiDocument.NOT_DECIDED)
    @APIResponse(responseCode = "503", ref = ApiDocument.UNAVAILABLE)
    public Response evaluate(String body) throws JsonProcessingException {
        StoredVerdict verdict = evaluations.evaluate(body);
        return Response.status(verdict.created() ? Response.Status.CREATED : Response.Status.OK)
                .entity(verdict.viewJson()).build();
    }

    /** A JSON array or NDJSON of snapshots; the verdicts in the same order, as a JSON array or NDJSON. */
    @POST
    @Path("/batch")
    @Consumes({MediaType.APPLICATION_JSON, NDJSON})
    @Produces({MediaType.APPLICATION_JSON, NDJSON})
    @Operation(operationId = "evaluateBatch", summary = "Evaluate many snapshots at once",
            description = "A JSON array (or NDJSON) of up to 10,000 snapshots; the verdicts in the same order, as a JSON"
                    + " array (or NDJSON with Accept: application/x-ndjson). Any bad snapshot refuses the whole batch"
                    + " (400, fields named [i].field) and nothing is stored.")
    @RequestBody(required = true, content = {
        @Content(mediaType = MediaType.APPLICATION_JSON,
                schema = @Schema(type = SchemaType.ARRAY, implementation = Snapshot.class, minItems = 1, maxItems = MAX_BATCH),
                examples = @ExampleObject(name = "two-snapshots", summary = "examples/healthy.json and examples/stop-out.json",
                        value = ApiExamples.BATCH)),
        @Content(mediaType = NDJSON, schema = @Schema(type = SchemaType.STRING,
                description = "One snapshot (as JSON) a line"))})
    @APIResponse(responseCode = "200", description = "The verdicts, in the order of the snapshots",
            content = {
                @Content(mediaType = MediaType.APPLICATION_JSON,
                        schema = @Schema(type = SchemaType.ARRAY, implementation = Verdict.class)),
                @Content(mediaType = NDJSON, schema = @Schema(type = SchemaType.STRING, description = "One verdict a line"))})
    @APIResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = ApiDocument.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = ApiDocument.FORBIDDEN)
    @APIResponse(responseCode = "409", description = "A snapshotId of the batch was evaluated before with other content",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "413", ref = ApiDocument.TOO_LARGE)
    @APIResponse(responseCode = "422", ref = ApiDocument.NO_POLICY)
    @APIResponse(responseCode = "500", ref = ApiDocument.NOT_DECIDED)
    @APIResponse(responseCode = "503", ref = ApiDocument.UNAVAILABLE)
    public Response batch(String body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                          @HeaderParam(HttpHeaders.ACCEPT) String accept) throws JsonProcessingException {
        List<StoredVerdict> verdicts = evaluations.evaluateBatch(body, contentType != null && contentType.startsWith(NDJSON));
        List<String> json = new ArrayList<>(verdicts.size());
        verdicts.forEach(v -> json.add(v.viewJson()));
        if (AcceptHeader.prefersNdjson(accept)) {
            return Response.ok(String.join("\n", json) + "\n", NDJSON).build();
        }
        return Response.ok("[" + String.join(",", json) + "]", MediaType.APPLICATION_JSON).build();
    }
}
