package io.brokerpolicy.security;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.smallrye.jwt.build.Jwt;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The service with an OpenID Connect provider configured: Quarkus' test OIDC server, a real HTTP server
 * (WireMock) publishing discovery, signing keys, an authorization endpoint with a login form and a token
 * endpoint. Only the tests that name this profile see it; every other test keeps the embedded HTTP Basic
 * default with no provider at all.
 */
public class OidcProviderProfile implements QuarkusTestProfile {

    /** The issuer the test server announces and signs into its tokens. */
    public static final String ISSUER = "https://server.example.com";
    public static final String CLIENT_ID = "brokerpolicy-console";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "quarkus.oidc.auth-server-url", "${keycloak.url}/realms/quarkus",
                "quarkus.oidc.client-id", CLIENT_ID,
                "quarkus.oidc.credentials.secret", "console-secret",
                "brokerpolicy.security.oidc.provider-name", "Test provider");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(OidcWiremockTestResource.class));
    }

    /** An access token as the provider issues it: signed with its key, the roles in {@code groups}. */
    public static String accessToken(String user, Set<String> roles, String issuer, Instant expiresAt) {
        return Jwt.preferredUserName(user).groups(roles).issuer(issuer).audience("brokerpolicy")
                .issuedAt(expiresAt.minusSeconds(900)).expiresAt(expiresAt)
                .jws().keyId("1").sign("privateKey.jwk");
    }

    /** From now on the provider answers a code exchange with the tokens of this user (whoever typed what). */
    public static void answerCodeExchangeAs(WireMockServer provider, String user, Set<String> roles) {
        Instant now = Instant.now();
        String idToken = Jwt.preferredUserName(user).subject(user + "-id").issuer(ISSUER).audience(CLIENT_ID)
                .issuedAt(now).expiresAt(now.plusSeconds(300)).jws().keyId("1").sign("privateKey.jwk");
        provider.stubFor(post("/auth/realms/quarkus/token").withRequestBody(containing("authorization_code"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("{\"access_token\":\""
                        + accessToken(user, roles, ISSUER, now.plusSeconds(300)) + "\",\"id_token\":\"" + idToken
                        + "\",\"expires_in\":300,\"token_type\":\"Bearer\"}")));
    }
}
