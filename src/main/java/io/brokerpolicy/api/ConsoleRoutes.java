package io.brokerpolicy.api;

import io.brokerpolicy.security.ConsoleSignInTenant;
import io.brokerpolicy.security.OidcSignInConfig;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * The console's own paths besides its static files: {@code GET /} and {@code GET /console} lead to
 * {@code /console/}; {@code /console/sign-in-options} tells the page whether to offer the OpenID Connect
 * provider's sign-in; after that sign-in ({@link ConsoleSignInTenant}) {@code /console/oidc/sign-in} sends the
 * browser back to the console and {@code /console/oidc/session} hands the page the access token it sends to the
 * API as a bearer token, as a machine would.
 */
@ApplicationScoped
public class ConsoleRoutes {

    static final String CONSOLE = "/console/";
    /** Where the browser lands after the provider's sign-in: the console's script then asks for the session. */
    static final String AFTER_SIGN_IN = CONSOLE + "#oidc";

    @Inject
    ConsoleSignInTenant signIn;

    @Inject
    OidcSignInConfig signInConfig;

    void install(@Observes Router router) {
        router.get("/").handler(context -> exactly(context, "/", CONSOLE));
        router.get("/console").handler(context -> exactly(context, "/console", CONSOLE));
        router.get(CONSOLE + "sign-in-options").handler(this::signInOptions);
        router.get(ConsoleSignInTenant.SIGN_IN).handler(context -> redirect(context, AFTER_SIGN_IN));
        router.get(ConsoleSignInTenant.SESSION).handler(this::session);
    }

    /** Vert.x also matches a route's path with a trailing slash; only the exact path is redirected. */
    private static void exactly(RoutingContext context, String path, String to) {
        if (!path.equals(context.request().path())) {
            context.next();
            return;
        }
        redirect(context, to);
    }

    private static void redirect(RoutingContext context, String to) {
        context.response().setStatusCode(303).putHeader(HttpHeaders.LOCATION, to).end();
    }

    private void signInOptions(RoutingContext context) {
        JsonObject answer = new JsonObject();
        if (signIn.providerConfigured()) {
            answer.put("provider", signInConfig.providerName()).put("signIn", ConsoleSignInTenant.SIGN_IN)
                    .put("signOut", ConsoleSignInTenant.SIGN_OUT);
        }
        json(context, answer);
    }

    private void session(RoutingContext context) {
        SecurityIdentity identity = context.user() instanceof QuarkusHttpUser user ? user.getSecurityIdentity() : null;
        AccessTokenCredential token = identity == null ? null : identity.getCredential(AccessTokenCredential.class);
        if (token == null || token.getToken() == null) {
            context.response().setStatusCode(401).end();
            return;
        }
        json(context, new JsonObject().put("user", identity.getPrincipal().getName())
                .put("authorization", "Bearer " + token.getToken()));
    }

    private static void json(RoutingContext context, JsonObject body) {
        context.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .end(body.encode());
    }
}
