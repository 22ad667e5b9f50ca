package io.brokerpolicy.api;

import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.servers.Server;
import org.eclipse.microprofile.openapi.annotations.servers.ServerVariable;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * What the OpenAPI document (docs/openapi.yaml, served at /q/openapi) says about the whole API: the two ways to sign
 * in, the tags, and the error answers every operation shares, referenced by name from the resources.
 */
@OpenAPIDefinition(
        info = @Info(title = "brokerpolicy", version = "1",
                description = "Broker risk-policy service: evaluates account snapshots against editable margin-call,"
                        + " stop-out, close-out and leverage rules, and keeps every verdict and policy version in an"
                        + " audit log with signed checkpoints."),
        servers = @Server(url = "{scheme}://{host}:{port}", description = "The service; run as the README shows, it is"
                + " http://localhost:8080",
                variables = {
                    @ServerVariable(name = "scheme", defaultValue = "http", enumeration = {"http", "https"}),
                    @ServerVariable(name = "host", defaultValue = "localhost"),
                    @ServerVariable(name = "port", defaultValue = "8080")}),
        security = {@SecurityRequirement(name = ApiDocument.BASIC), @SecurityRequirement(name = ApiDocument.BEARER)},
        tags = {
            @Tag(name = ApiDocument.EVALUATIONS, description = "Trading systems send snapshots and get verdicts (role evaluator)"),
            @Tag(name = ApiDocument.VERDICTS, description = "Stored verdicts: search, read, replay, proofs, exports (role compliance)"),
            @Tag(name = ApiDocument.POLICY, description = "Policy versions: status, history, validation, drafts, activation,"
                    + " rollback, simulation, stress tests (role risk-editor; compliance may read)"),
            @Tag(name = ApiDocument.AUDIT, description = "The audit log: verification, signed checkpoints, public key,"
                    + " consistency proofs (role compliance)")
        },
        components = @Components(
                responses = {
                    @APIResponse(name = ApiDocument.BAD_REQUEST, responseCode = "400",
                            description = "Bad input, every bad field named; nothing was stored",
                            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class))),
                    @APIResponse(name = ApiDocument.UNAUTHORIZED, responseCode = "401",
                            description = "No credentials, or wrong ones (after repeated failures a user name or"
                                    + " address waits: 429 with Retry-After)",
                            headers = @Header(name = "WWW-Authenticate", description = "Basic realm=\"Quarkus\"",
                                    schema = @Schema(type = SchemaType.STRING))),
                    @APIResponse(name = ApiDocument.FORBIDDEN, responseCode = "403",
                            description = "Signed in without the role this operation needs"),
                    @APIResponse(name = ApiDocument.NOT_FOUND, responseCode = "404", description = "No such resource",
                            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class))),
                    @APIResponse(name = ApiDocument.TOO_LARGE, responseCode = "413",
                            description = "The body is larger than quarkus.http.limits.max-body-size (4 MB)",
                            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class))),
                    @APIResponse(name = ApiDocument.NO_POLICY, responseCode = "422",
                            description = "No policy applies to the snapshot's broker and account type",
                            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class))),
                    @APIResponse(name = ApiDocument.NOT_DECIDED, responseCode = "500",
                            description = "The policy could not decide this account (a rule ran past its bounds);"
                                    + " no verdict was given or stored",
                            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class))),
                    @APIResponse(name = ApiDocument.UNAVAILABLE, responseCode = "503",
                            description = "No active policy yet, or the database is unavailable; nothing was stored",
                            headers = @Header(name = "Retry-After", description = "Seconds to wait",
                                    schema = @Schema(type = SchemaType.INTEGER)),
                            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
                }))
@SecurityScheme(securitySchemeName = ApiDocument.BASIC, type = SecuritySchemeType.HTTP, scheme = "basic",
        description = "HTTP Basic against the users file (the embedded default)")
@SecurityScheme(securitySchemeName = ApiDocument.BEARER, type = SecuritySchemeType.HTTP, scheme = "bearer",
        bearerFormat = "JWT", description = "A bearer token of the configured OpenID Connect provider")
public class ApiDocument extends Application {

    static final String BASIC = "basic";
    static final String BEARER = "bearer";
    static final String EVALUATIONS = "Evaluations";
    static final String VERDICTS = "Verdicts";
    static final String POLICY = "Policy";
    static final String AUDIT = "Audit";

    static final String BAD_REQUEST = "BadRequest";
    static final String UNAUTHORIZED = "Unauthorized";
    static final String FORBIDDEN = "Forbidden";
    static final String NOT_FOUND = "NotFound";
    static final String TOO_LARGE = "PayloadTooLarge";
    static final String NO_POLICY = "NoPolicy";
    static final String UNAVAILABLE = "Unavailable";
    static final String NOT_DECIDED = "NotDecided";
}
