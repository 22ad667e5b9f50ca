package io.brokerpolicy.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.brokerpolicy.audit.SnapshotConflictException;
import io.brokerpolicy.domain.policy.PolicyNotFoundException;
import io.brokerpolicy.engine.EvaluationException;
import io.brokerpolicy.intake.FieldError;
import io.brokerpolicy.intake.InvalidRequestException;
import io.brokerpolicy.policy.ActivePolicy;
import io.brokerpolicy.policy.VersionNotCompilableException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every failure into an answer with a JSON {@link ErrorBody}: the field and the reason for bad
 * input, never an exception class name or a stack trace for the client.
 */
public class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

    @ServerExceptionMapper
    public Response invalid(InvalidRequestException e) {
        return answer(Response.Status.BAD_REQUEST, new ErrorBody(e.getMessage(), e.details()));
    }

    /** A request DTO or parameter that breaks its Bean Validation constraints: each violation as a field error. */
    @ServerExceptionMapper
    public Response constraintViolated(ConstraintViolationException e) {
        List<FieldError> details = e.getConstraintViolations().stream()
                .map(v -> new FieldError(ViolationFields.of(v), v.getMessage()))
                .sorted(Comparator.comparing(FieldError::field).thenComparing(FieldError::message))
                .toList();
        return answer(Response.Status.BAD_REQUEST, new ErrorBody("the request is not valid: " + details.stream()
                .map(d -> d.field() + " " + d.message()).collect(Collectors.joining("; ")), details));
    }

    /** JSON that is well formed but does not fit a request DTO: an unknown member, or a value of the wrong type. */
    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException e) {
        String field = ViolationFields.of(e.getPath());
        String why = e instanceof UnrecognizedPropertyException unknown
                ? "unknown field (known: " + unknown.getKnownPropertyIds().stream().map(String::valueOf).sorted()
                        .collect(Collectors.joining(", ")) + ")"
                : "has the wrong type: expected " + (e.getTargetType() == null ? "another type"
                        : e.getTargetType().getSimpleName().toLowerCase(Locale.ROOT));
        return answer(Response.Status.BAD_REQUEST, new ErrorBody("the request is not valid: " + field + " " + why,
                List.of(new FieldError(field, why))));
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e) {
        String where = e.getLocation() == null ? ""
                : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
        String why = e instanceof StreamConstraintsException ? "the JSON is beyond the accepted limits: "
                : "the body is not valid JSON: ";
        return answer(Response.Status.BAD_REQUEST,
                new ErrorBody(why + e.getOriginalMessage() + where, List.of(new FieldError("$", "unreadable JSON" + where))));
    }

    @ServerExceptionMapper
    public Response noPolicy(PolicyNotFoundException e) {
        return answer(422, new ErrorBody("no policy applies to this account: "
                + e.getMessage(), List.of(new FieldError(e.field(), e.getMessage()))));
    }

    @ServerExceptionMapper
    public Response conflict(SnapshotConflictException e) {
        return answer(Response.Status.CONFLICT, ErrorBody.of(e.getMessage()));
    }

    @ServerExceptionMapper
    public Response notCompilable(VersionNotCompilableException e) {
        return answer(Response.Status.CONFLICT, ErrorBody.of(e.getMessage()));
    }

    @ServerExceptionMapper
    public Response notReady(ActivePolicy.NoActivePolicyException e) {
        return Response.status(Response.Status.SERVICE_UNAVAILABLE).header("Retry-After", "5")
                .type(MediaType.APPLICATION_JSON).entity(ErrorBody.of(e.getMessage())).build();
    }

    @ServerExceptionMapper
    public Response evaluationFailed(EvaluationException e) {
        LOG.errorf("evaluation refused: %s", e.getMessage());
        return answer(Response.Status.INTERNAL_SERVER_ERROR, ErrorBody.of("the policy could not decide this account, "
                + "so no verdict was given or stored: " + e.getMessage()));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        Response original = e.getResponse();
        return answer(original.getStatus(), ErrorBody.of(e.getMessage()));
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        if (DatabaseFailures.isUnavailable(e)) {
            LOG.warnf("database unavailable: %s", e.getMessage());
            return Response.status(Response.Status.SERVICE_UNAVAILABLE).header("Retry-After", "2")
                    .type(MediaType.APPLICATION_JSON)
                    .entity(ErrorBody.of("the database is unavailable; nothing was stored, retry the request")).build();
        }
        String reference = UUID.randomUUID().toString();
        LOG.errorf(e, "unexpected failure, reference %s", reference);
        return answer(Response.Status.INTERNAL_SERVER_ERROR, ErrorBody.of("internal error, reference " + reference));
    }

    static Response answer(Response.Status status, ErrorBody body) {
        return answer(status.getStatusCode(), body);
    }

    static Response answer(int status, ErrorBody body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(body).build();
    }
}
