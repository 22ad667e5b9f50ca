package io.brokerpolicy.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.brokerpolicy.testsupport.Api;
import io.brokerpolicy.testsupport.Snapshots;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.oidc.server.OidcWireMock;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Bearer tokens and the console's sign-in against a real OpenID Connect provider over HTTP (Quarkus' test
 * OIDC server, {@link OidcProviderProfile}). The tokens are signed with the provider's key and checked by the
 * service against the keys the provider publishes; the roles are read from the {@code groups} claim.
 */
@QuarkusTest
@TestProfile(OidcProviderProfile.class)
class OidcProviderTest {

    @OidcWireMock
    WireMockServer provider;

    @TestHTTPResource("/")
    URI service;

    @Test
    void aTokenWithTheRole_isLetIn() {
        given().auth().oauth2(token("alice", Set.of("evaluator"), OidcProviderProfile.ISSUER, in(300)))
                .contentType(ContentType.JSON).body(Snapshots.aSnapshot().toString())
                .post("/api/v1/evaluations").then().statusCode(201);
        given().auth().oauth2(token("rita", Set.of("risk-editor"), OidcProviderProfile.ISSUER, in(300)))
                .get("/api/v1/policy/active").then().statusCode(200);
        given().auth().oauth2(token("prometheus", Set.of("metrics"), OidcProviderProfile.ISSUER, in(300)))
                .get("/q/metrics").then().statusCode(200);
    }

    @Test
    void aTokenWithoutTheRole_isForbidden() {
        String compliance = token("carol", Set.of("compliance"), OidcProviderProfile.ISSUER, in(300));
        given().auth().oauth2(compliance).contentType(ContentType.JSON).body(Snapshots.aSnapshot().toString())
                .post("/api/v1/evaluations").then().statusCode(403);
        given().auth().oauth2(token("nobody", Set.of(), OidcProviderProfile.ISSUER, in(300)))
                .get("/api/v1/policy/active").then().statusCode(403);
    }

    @Test
    void anExpiredToken_isRefused() {
        given().auth().oauth2(token("alice", Set.of("evaluator"), OidcProviderProfile.ISSUER, in(-600)))
                .contentType(ContentType.JSON).body(Snapshots.aSnapshot().toString())
                .post("/api/v1/evaluations").then().statusCode(401);
    }

    @Test
    void aTokenFromAnotherIssuer_isRefused() {
        given().auth().oauth2(token("alice", Set.of("evaluator"), "https://elsewhere.example.com", in(300)))
                .contentType(ContentType.JSON).body(Snapshots.aSnapshot().toString())
                .post("/api/v1/evaluations").then().statusCode(401);
    }

    @Test
    void httpBasic_stillWorks_andAnApiCallWithoutCredentials_isAnswered401_notRedirected() {
        Api.asEvaluator().contentType(ContentType.JSON).body(Snapshots.aSnapshot().toString())
                .post("/api/v1/evaluations").then().statusCode(201);
        given().redirects().follow(false).get("/api/v1/policy/active").then().statusCode(401);
        given().redirects().follow(false).contentType(ContentType.JSON).post("/api/v1/evaluations").then().statusCode(401);
    }

    /**
     * The console's sign-in, hop by hop as a browser makes it (an HTTP client with a cookie jar): the service
     * sends the browser to the provider's login page, the login form sends it back with a code, the service
     * exchanges the code at the provider's token endpoint and keeps the session in a cookie; the console then
     * gets an access token that the API accepts as a bearer token.
     */
    @Test
    void theConsole_signsInThroughTheProvidersCodeFlow() throws Exception {
        OidcProviderProfile.answerCodeExchangeAs(provider, "carol", Set.of("compliance"));
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();

        JsonPath options = JsonPath.from(get(browser, service.resolve("/console/sign-in-options"), Map.of()).body());
        assertThat(options.getString("provider")).isEqualTo("Test provider");

        HttpResponse<String> toProvider = get(browser, service.resolve(options.getString("signIn")), Map.of());
        assertThat(toProvider.statusCode()).isEqualTo(302);
        URI authorization = location(toProvider);
        assertThat(authorization.toString()).startsWith(provider.baseUrl() + "/auth/realms/quarkus")
                .contains("response_type=code").contains("client_id=" + OidcProviderProfile.CLIENT_ID);

        HttpResponse<String> loginPage = get(browser, authorization, Map.of());
        assertThat(loginPage.statusCode()).isEqualTo(200);
        Map<String, String> form = hiddenInputs(loginPage.body());
        form.put("username", "carol");
        form.put("password", "carol");
        HttpResponse<String> loggedIn = get(browser, authorization.resolve(formAction(loginPage.body()) + "?" + query(form)), Map.of());
        assertThat(loggedIn.statusCode()).isEqualTo(302);
        URI callback = location(loggedIn);
        assertThat(callback.toString()).startsWith(service.resolve("/console/oidc/sign-in").toString()).contains("code=");

        // The service exchanges the code, keeps the session in a cookie, and leads back to the console.
        URI next = callback;
        HttpResponse<String> back = get(browser, next, Map.of());
        for (int hop = 0; hop < 3 && back.statusCode() == 302; hop++) {
            next = location(back);
            back = get(browser, next, Map.of());
        }
        assertThat(back.statusCode()).isEqualTo(303);
        assertThat(location(back).getPath()).isEqualTo("/console/");
        assertThat(location(back).getFragment()).isEqualTo("oidc");

        HttpResponse<String> session = get(browser, service.resolve("/console/oidc/session"),
                Map.of("X-Requested-With", "JavaScript"));
        assertThat(session.statusCode()).isEqualTo(200);
        JsonPath signedIn = JsonPath.from(session.body());
        assertThat(signedIn.getString("user")).isEqualTo("carol");
        String authorizationHeader = signedIn.getString("authorization");
        assertThat(authorizationHeader).startsWith("Bearer ");

        // The console's API calls carry that token: a compliance officer reads verdicts, may not evaluate.
        given().header("Authorization", authorizationHeader).get("/api/v1/verdicts?size=1").then().statusCode(200);
        given().header("Authorization", authorizationHeader).contentType(ContentType.JSON)
                .body(Snapshots.aSnapshot().toString()).post("/api/v1/evaluations").then().statusCode(403);

        // Signing out ends the session here and sends the browser to the provider's end-session endpoint.
        HttpResponse<String> signOut = get(browser, service.resolve(options.getString("signOut")), Map.of());
        assertThat(signOut.statusCode()).isEqualTo(302);
        assertThat(location(signOut).toString())
                .startsWith(provider.baseUrl() + "/auth/realms/quarkus/protocol/openid-connect/end-session");
        assertThat(get(browser, service.resolve("/console/oidc/session"), Map.of("X-Requested-With", "JavaScript"))
                .statusCode()).isEqualTo(499);
    }

    @Test
    void withoutASession_theConsolesScriptIsToldSo_andABrowserIsSentToTheProvider() throws Exception {
        HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        assertThat(get(browser, service.resolve("/console/oidc/session"), Map.of("X-Requested-With", "JavaScript"))
                .statusCode()).isEqualTo(499);
        HttpResponse<String> page = get(browser, service.resolve("/console/oidc/session"), Map.of());
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(location(page).toString()).startsWith(provider.baseUrl());
    }

    private static String token(String user, Set<String> roles, String issuer, Instant expiresAt) {
        return OidcProviderProfile.accessToken(user, roles, issuer, expiresAt);
    }

    private static Instant in(long seconds) {
        return Instant.now().plusSeconds(seconds);
    }

    private static HttpResponse<String> get(HttpClient client, URI uri, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).GET();
        headers.forEach(request::header);
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI location(HttpResponse<?> response) {
        String location = response.headers().firstValue("Location").orElseThrow(() ->
                new AssertionError("no Location in a " + response.statusCode() + " from " + response.uri()));
        return response.uri().resolve(location);
    }

    private static String formAction(String html) {
        Matcher action = Pattern.compile("<form[^>]*action=\"([^\"]+)\"").matcher(html);
        assertThat(action.find()).as("a login form in %s", html).isTrue();
        return action.group(1);
    }

    private static Map<String, String> hiddenInputs(String html) {
        Map<String, String> inputs = new LinkedHashMap<>();
        Matcher input = Pattern.compile("<input type=\"hidden\" id=\"[^\"]*\" name=\"([^\"]+)\" value=\"([^\"]*)\"").matcher(html);
        while (input.find()) {
            inputs.put(input.group(1), URLDecoder.decode(input.group(2).replace("&amp;", "&"), StandardCharsets.UTF_8));
        }
        assertThat(inputs).containsKeys("state", "redirect_uri");
        return inputs;
    }

    private static String query(Map<String, String> values) {
        return values.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
