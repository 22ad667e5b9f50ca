package io.brokerpolicy.security;

import static io.brokerpolicy.testsupport.Api.COMPLIANCE;
import static io.brokerpolicy.testsupport.Api.EVALUATOR;
import static io.brokerpolicy.testsupport.Api.RISK_EDITOR;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.brokerpolicy.testsupport.Api;
import io.brokerpolicy.testsupport.Snapshots;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every endpoint family against every role (docs/api.md): without credentials 401, with a role that may not 403,
 * with the role that may anything but 401/403 (a 404 or 400 is fine here: some endpoints belong to other
 * parts of the service and the bodies are empty). Paths of endpoints that do not exist yet are included on
 * purpose: the permissions are by path and must already cover them.
 */
@QuarkusTest
class RoleAccessTest {

    /** The Prometheus scraper's role: /q/metrics and nothing else. */
    private static final String METRICS = "test-metrics";
    private static final String ANY_UUID = "00000000-0000-0000-0000-000000000000";

    static Stream<Arguments> endpoints() {
        return Stream.of(
                endpoint("POST", "/api/v1/evaluations", EVALUATOR),
                endpoint("POST", "/api/v1/evaluations/batch", EVALUATOR),
                endpoint("GET", "/api/v1/policy/active", RISK_EDITOR, COMPLIANCE),
                endpoint("GET", "/api/v1/policy/versions", RISK_EDITOR, COMPLIANCE),
                endpoint("GET", "/api/v1/policy/versions/1/diff/2", RISK_EDITOR, COMPLIANCE),
                endpoint("GET", "/api/v1/policy/status", RISK_EDITOR, COMPLIANCE),
                endpoint("GET", "/api/v1/policy/events", RISK_EDITOR, COMPLIANCE),
                endpoint("POST", "/api/v1/policy/validate", RISK_EDITOR),
                endpoint("POST", "/api/v1/policy/drafts", RISK_EDITOR),
                endpoint("POST", "/api/v1/policy/versions/1/simulate", RISK_EDITOR),
                endpoint("POST", "/api/v1/policy/versions/1/stress", RISK_EDITOR),
                endpoint("POST", "/api/v1/policy/versions/1/activate", RISK_EDITOR),
                endpoint("POST", "/api/v1/policy/rollback", RISK_EDITOR),
                endpoint("GET", "/api/v1/verdicts/" + ANY_UUID, COMPLIANCE),
                endpoint("GET", "/api/v1/verdicts", COMPLIANCE),
                endpoint("GET", "/api/v1/verdicts/export", COMPLIANCE),
                endpoint("POST", "/api/v1/verdicts/" + ANY_UUID + "/replay", COMPLIANCE),
                endpoint("GET", "/api/v1/audit/verify", COMPLIANCE),
                // Not named by any rule: refused to every role (deny by default under /api/).
                endpoint("GET", "/api/v1/evaluations"),
                endpoint("POST", "/api/v1/verdicts/" + ANY_UUID),
                endpoint("DELETE", "/api/v1/verdicts/" + ANY_UUID),
                endpoint("GET", "/api/v1/something-new"),
                endpoint("GET", "/api/v2/evaluations"));
    }

    private static Arguments endpoint(String method, String path, String... allowed) {
        return Arguments.of(method, path, Set.of(allowed));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("endpoints")
    void eachRole_getsOnlyWhatApiMdGivesIt(String method, String path, Set<String> allowed) {
        assertThat(status(given(), method, path)).as("without credentials").isEqualTo(401);
        assertThat(status(given().auth().preemptive().basic(EVALUATOR, "wrong-password"), method, path))
                .as("wrong password").isEqualTo(401);
        for (String user : List.of(EVALUATOR, RISK_EDITOR, COMPLIANCE, METRICS)) {
            int status = status(Api.as(user), method, path);
            if (allowed.contains(user)) {
                assertThat(status).as(user + " may").isNotIn(401, 403);
            } else {
                assertThat(status).as(user + " may not").isEqualTo(403);
            }
        }
    }

    @Test
    void aUserWithEveryRole_mayDoEverything() {
        assertThat(status(Api.as("test-all"), "GET", "/api/v1/policy/active")).isEqualTo(200);
        assertThat(status(Api.as("test-all"), "POST", "/api/v1/evaluations")).isEqualTo(400);
        assertThat(status(Api.as("test-all"), "GET", "/api/v1/verdicts/" + ANY_UUID)).isEqualTo(404);
    }

    @Test
    void evaluatorCredentials_evaluate() {
        Api.asEvaluator().contentType(ContentType.JSON).body(Snapshots.aSnapshot().toString())
                .post("/api/v1/evaluations").then().statusCode(201);
    }

    @Test
    void health_isOpen_openApiNeedsAnyUser_consoleFilesAreNotBehindALogin() {
        assertThat(status(given(), "GET", "/q/health")).isEqualTo(200);
        assertThat(status(given(), "GET", "/q/health/live")).isEqualTo(200);
        assertThat(status(given(), "GET", "/q/openapi")).isEqualTo(401);
        assertThat(status(Api.asEvaluator(), "GET", "/q/openapi")).isEqualTo(200);
        assertThat(status(given(), "GET", "/console/index.html")).isNotIn(401, 403);
    }

    @Test
    void metrics_needTheMetricsRole_whichMayCallNoApiEndpoint() {
        assertThat(status(given(), "GET", "/q/metrics")).isEqualTo(401);
        assertThat(status(Api.as(METRICS), "GET", "/q/metrics")).isEqualTo(200);
        for (String user : List.of(EVALUATOR, RISK_EDITOR, COMPLIANCE)) {
            assertThat(status(Api.as(user), "GET", "/q/metrics")).as(user).isEqualTo(403);
        }
    }

    @Test
    void theRootAndTheConsoleWithoutSlash_leadToTheConsole_signedInOrNot() {
        for (RequestSpecification request : List.of(given(), Api.asCompliance())) {
            for (String path : List.of("/", "/console")) {
                request.redirects().follow(false).get(path).then().statusCode(303)
                        .header("Location", org.hamcrest.Matchers.endsWith("/console/"));
            }
        }
        given().get("/").then().statusCode(200).contentType(org.hamcrest.Matchers.containsString("text/html"))
                .body(org.hamcrest.Matchers.containsString("Compliance console"));
        given().redirects().follow(false).get("/console/").then().statusCode(200);
    }

    @Test
    void withoutAnOidcProvider_theConsoleOffersPasswordsOnly_andBearerTokensAreRefused() {
        given().get("/console/sign-in-options").then().statusCode(200)
                .body("provider", org.hamcrest.Matchers.nullValue());
        assertThat(status(given().redirects().follow(false), "GET", "/console/oidc/sign-in")).isEqualTo(401);
        assertThat(status(given().auth().oauth2("eyJhbGciOiJSUzI1NiJ9.e30.c2ln"), "GET", "/api/v1/policy/active"))
                .isEqualTo(401);
    }

    @Test
    void aRefusal_asksForBasicCredentials() {
        given().post("/api/v1/evaluations").then().statusCode(401)
                .header("WWW-Authenticate", org.hamcrest.Matchers.containsStringIgnoringCase("basic"));
    }

    private static int status(RequestSpecification request, String method, String path) {
        return request.contentType(ContentType.JSON).request(method, path).getStatusCode();
    }
}
