package io.brokerpolicy.api;

import com.fasterxml.jackson.core.JsonProcessingException;
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
import java.util.ArrayList;
import java.util.List;

/** Trading systems send account snapshots here and act on the verdicts. */
@Path("/api/v1/evaluations")
public class EvaluationResource {

    public static final String NDJSON = "application/x-ndjson";
    static final int MAX_BATCH = EvaluationService.MAX_BATCH;

    @Inject
    EvaluationService evaluations;

    /** 201 with the new verdict; 200 with the stored one when the snapshotId was evaluated before. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
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
    public Response batch(String body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                          @HeaderParam(HttpHeaders.ACCEPT) String accept) throws JsonProcessingException {
        List<StoredVerdict> verdicts = evaluations.evaluateBatch(body, contentType != null && contentType.startsWith(NDJSON));
        List<String> json = new ArrayList<>(verdicts.size());
        verdicts.forEach(v -> json.add(v.viewJson()));
        if (accept != null && accept.contains(NDJSON)) {
            return Response.ok(String.join("\n", json) + "\n", NDJSON).build();
        }
        return Response.ok("[" + String.join(",", json) + "]", MediaType.APPLICATION_JSON).build();
    }
}
