package io.brokerpolicy.app;

import io.quarkus.arc.Arc;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

/**
 * Who is acting, for the records that name one (policy events, audit reads): the signed-in user's name,
 * "anonymous" for a request without one, "system" for work the service does by itself (start-up,
 * file watching), where there is no request.
 */
@ApplicationScoped
public class CurrentActor {

    public static final String SYSTEM = "system";
    public static final String ANONYMOUS = "anonymous";

    @Inject
    Instance<SecurityIdentity> identity;

    public String name() {
        if (!Arc.container().requestContext().isActive()) {
            return SYSTEM;
        }
        SecurityIdentity current = identity.get();
        if (current == null || current.isAnonymous() || current.getPrincipal() == null) {
            return ANONYMOUS;
        }
        return current.getPrincipal().getName();
    }
}
