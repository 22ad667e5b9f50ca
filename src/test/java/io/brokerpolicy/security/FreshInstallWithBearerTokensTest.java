package io.brokerpolicy.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.brokerpolicy.testsupport.Snapshots;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.smallrye.jwt.build.Jwt;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A service as an operator first starts it: no users file yet (the service creates one), and bearer tokens
 * from an identity provider, here signed by a key made for this test and checked against its public key
 * ({@code quarkus.oidc.public-key}), with the roles in a Keycloak-style claim ({@code realm_access.roles}).
 * OidcProviderTest does the same against a provider over HTTP.
 */
@QuarkusTest
@TestProfile(FreshInstallWithBearerTokensTest.Profile.class)
class FreshInstallWithBearerTokensTest {

    // The profile and the test run in different class loaders; system properties are what they share.
    static final KeyPair KEYS = sharedKeys();
    static final String ISSUER = "https://idp.test/realms/brokers";
    static final Path USERS_FILE = Path.of(shared("users-file",
            () -> Path.of("target", "fresh-install-" + UUID.randomUUID(), "users.properties").toString()));

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "brokerpolicy.security.users-file", USERS_FILE.toString(),
                    // A provider known only by its public key (no discovery): what an offline installation has.
                    "quarkus.oidc.public-key", Base64.getEncoder().encodeToString(KEYS.getPublic().getEncoded()),
                    "quarkus.oidc.token.issuer", ISSUER,
                    "quarkus.oidc.roles.role-claim-path", "realm_access/roles");
        }
    }

    @Test
    void theGeneratedUsersFile_isOwnerOnly_andItsUsersSignIn() throws Exception {
        assertThat(USERS_FILE).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(USERS_FILE))).isEqualTo("rw-------");
        Properties users = new Properties();
        try (var in = Files.newBufferedReader(USERS_FILE)) {
            users.load(in);
        }
        assertThat(users.stringPropertyNames()).containsExactlyInAnyOrder("evaluator", "risk-editor", "compliance", "metrics");
        String evaluatorPassword = users.getProperty("evaluator").split(",")[0];
        assertThat(evaluatorPassword).hasSizeGreaterThanOrEqualTo(32);
        assertThat(users.getProperty("evaluator")).endsWith(",evaluator");

        given().auth().preemptive().basic("evaluator", evaluatorPassword).contentType(ContentType.JSON)
                .body(Snapshots.aSnapshot().toString()).post("/api/v1/evaluations").then().statusCode(201);
        given().auth().preemptive().basic("compliance", users.getProperty("compliance").split(",")[0])
                .contentType(ContentType.JSON).body(Snapshots.aSnapshot().toString())
                .post("/api/v1/evaluations").then().statusCode(403);
        given().auth().preemptive().basic("test-evaluator", "test-password").contentType(ContentType.JSON)
                .body(Snapshots.aSnapshot().toString()).post("/api/v1/evaluations").then().statusCode(401);
    }

    @Test
    void aTokenWithTheRole_isLetIn_withoutItIsRefused() {
        String evaluator = token("alice", List.of("evaluator"), ISSUER, Instant.now().plusSeconds(300));
        String compliance = token("carol", List.of("compliance"), ISSUER, Instant.now().plusSeconds(300));
        given().auth().oauth2(evaluator).contentType(ContentType.JSON).body(Snapshots.aSnapshot().toString())
                .post("/api/v1/evaluations").then().statusCode(201);
        given().auth().oauth2(compliance).contentType(ContentType.JSON).body(Snapshots.aSnapshot().toString())
                .post("/api/v1/evaluations").then().statusCode(403);
        given().auth().oauth2(compliance).get("/api/v1/policy/active").then().statusCode(200);
        given().auth().oauth2(evaluator).get("/api/v1/policy/active").then().statusCode(403);
    }

    @Test
    void aTokenThatIsForged_expired_orFromAnotherIssuer_isRefused() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String forged = Jwt.issuer(ISSUER).upn("mallory").claim("realm_access", Map.of("roles", List.of("evaluator")))
                .expiresAt(Instant.now().plusSeconds(300)).sign(generator.generateKeyPair().getPrivate());
        String expired = token("alice", List.of("evaluator"), ISSUER, Instant.now().minusSeconds(3600));
        String otherIssuer = token("alice", List.of("evaluator"), "https://elsewhere.test", Instant.now().plusSeconds(300));
        for (String token : List.of(forged, expired, otherIssuer, "not-a-token")) {
            given().auth().oauth2(token).contentType(ContentType.JSON).body(Snapshots.aSnapshot().toString())
                    .post("/api/v1/evaluations").then().statusCode(401);
        }
    }

    static String token(String user, List<String> roles, String issuer, Instant expiresAt) {
        return Jwt.issuer(issuer).upn(user).claim("realm_access", Map.of("roles", roles))
                .issuedAt(expiresAt.minusSeconds(600)).expiresAt(expiresAt).sign(KEYS.getPrivate());
    }

    private static KeyPair sharedKeys() {
        try {
            String pair = shared("keys", () -> {
                try {
                    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                    generator.initialize(2048);
                    KeyPair keys = generator.generateKeyPair();
                    return Base64.getEncoder().encodeToString(keys.getPublic().getEncoded()) + ","
                            + Base64.getEncoder().encodeToString(keys.getPrivate().getEncoded());
                } catch (NoSuchAlgorithmException e) {
                    throw new IllegalStateException(e);
                }
            });
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            String[] parts = pair.split(",");
            return new KeyPair(rsa.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(parts[0]))),
                    rsa.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(parts[1]))));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static synchronized String shared(String name, java.util.function.Supplier<String> create) {
        String key = FreshInstallWithBearerTokensTest.class.getName() + "." + name;
        String value = System.getProperty(key);
        if (value == null) {
            value = create.get();
            System.setProperty(key, value);
        }
        return value;
    }
}
