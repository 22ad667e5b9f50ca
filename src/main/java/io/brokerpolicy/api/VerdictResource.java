package io.brokerpolicy.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.brokerpolicy.persistence.VerdictEntity;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;

/** Compliance reads stored verdicts here: the verdict, its input snapshot and its audit link. */
@Path("/api/v1/verdicts")
@Produces(MediaType.APPLICATION_JSON)
public class VerdictResource {

    @GET
    @Path("/{verdictId}")
    @Transactional
    public ObjectNode get(@PathParam("verdictId") String verdictId) throws JsonProcessingException {
        VerdictEntity row = VerdictEntity.byVerdictId(parseId(verdictId))
                .orElseThrow(() -> new NotFoundException("no verdict " + verdictId));
        return VerdictRecords.fullRecord(row);
    }

    static UUID parseId(String verdictId) {
        try {
            return UUID.fromString(verdictId);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("no verdict " + verdictId + " (a verdictId is a UUID)");
        }
    }
}
