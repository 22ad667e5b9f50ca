package io.brokerpolicy.security;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import java.util.List;
import java.util.Map;

/**
 * The service with an OpenID Connect provider configured: Quarkus' test OIDC server, a real HTTP server
 * (WireMock) publishing discovery, signing keys, an authorization endpoint with a login form and a token
 * endpoint. Only the tests that name this profile see it; every other test keeps the embedded HTTP Basic
 * default with no provider at all.
 */
public class OidcProviderProfile implements QuarkusTestProfile {

    /** The issuer the test server announces and signs into its tokens. */
    static final String ISSUER = "https://server.example.com";
    static final String CLIENT_ID = "brokerpolicy-console";

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
}
