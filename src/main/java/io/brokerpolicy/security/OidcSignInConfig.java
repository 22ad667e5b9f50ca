package io.brokerpolicy.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** How the console presents the OpenID Connect provider's sign-in (docs/operations.md). */
@ConfigMapping(prefix = "brokerpolicy.security.oidc")
public interface OidcSignInConfig {

    /** The provider's name on the console's sign-in button, e.g. {@code Keycloak}. */
    @WithName("provider-name")
    @WithDefault("your identity provider")
    String providerName();
}
