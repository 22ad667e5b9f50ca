package io.brokerpolicy.security;

import io.quarkus.oidc.OidcRequestContext;
import io.quarkus.oidc.OidcTenantConfig;
import io.quarkus.oidc.TenantConfigResolver;
import io.quarkus.oidc.runtime.OidcConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * The console's sign-in through the OpenID Connect provider. The provider is configured once, as the default
 * tenant ({@code quarkus.oidc.auth-server-url}, {@code client-id}, {@code credentials.secret}): that tenant
 * checks the bearer tokens machines send to the API. Under {@link #PATH} this resolver answers the same provider
 * as a web application, so the console's browser goes through the provider's authorization-code flow there and
 * nowhere else: API calls keep bearer tokens and HTTP Basic, and an API client without credentials gets a 401,
 * never a redirect to a login page.
 *
 * <p>Being a {@link TenantConfigResolver} also lets the service start with no provider at all: Quarkus then
 * disables the default tenant instead of refusing to start, and every bearer token is refused (401).
 */
@ApplicationScoped
public class ConsoleSignInTenant implements TenantConfigResolver {

    public static final String TENANT_ID = "console";
    /** The code-flow paths: {@code sign-in}, {@code session}, {@code sign-out}. */
    public static final String PATH = "/console/oidc/";
    public static final String SIGN_IN = PATH + "sign-in";
    public static final String SESSION = PATH + "session";
    public static final String SIGN_OUT = PATH + "sign-out";

    @Inject
    OidcConfig oidc;

    private volatile OidcTenantConfig console;

    /** Whether an OpenID Connect provider is configured (and so the console offers its sign-in). */
    public boolean providerConfigured() {
        io.quarkus.oidc.runtime.OidcTenantConfig provider = OidcConfig.getDefaultTenant(oidc);
        return provider.tenantEnabled() && provider.authServerUrl().filter(url -> !url.isBlank()).isPresent();
    }

    @Override
    public Uni<OidcTenantConfig> resolve(RoutingContext context, OidcRequestContext<OidcTenantConfig> request) {
        if (!context.normalizedPath().startsWith(PATH)) {
            return Uni.createFrom().nullItem(); // the default tenant: bearer tokens
        }
        return Uni.createFrom().item(consoleTenant().orElse(null));
    }

    private Optional<OidcTenantConfig> consoleTenant() {
        if (!providerConfigured()) {
            return Optional.empty();
        }
        OidcTenantConfig built = console;
        if (built == null) {
            // One instance, so that Quarkus keeps one tenant context for it.
            built = OidcTenantConfig.builder(OidcConfig.getDefaultTenant(oidc))
                    .tenantId(TENANT_ID)
                    .applicationType(io.quarkus.oidc.runtime.OidcTenantConfig.ApplicationType.WEB_APP)
                    .authentication()
                        .cookiePath("/console")
                        // The console's script asks for its session with X-Requested-With: a missing session is
                        // answered 499, not with a redirect that fetch() would follow to the provider.
                        .javaScriptAutoRedirect(false)
                        .end()
                    .logout()
                        .path(SIGN_OUT)
                        .postLogoutPath("/console/")
                        .end()
                    .build();
            console = built;
        }
        return Optional.of(built);
    }
}
