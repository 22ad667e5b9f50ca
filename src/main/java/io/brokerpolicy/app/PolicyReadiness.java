package io.brokerpolicy.app;

import io.brokerpolicy.policy.ActivePolicy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only once a policy version is compiled, warmed up and active. */
@Readiness
@ApplicationScoped
public class PolicyReadiness implements HealthCheck {

    @Inject
    ActivePolicy active;

    @Override
    public HealthCheckResponse call() {
        if (!active.isLoaded()) {
            return HealthCheckResponse.down("policy");
        }
        return HealthCheckResponse.named("policy").up()
                .withData("version", active.get().policy().version())
                .withData("hash", active.get().policy().hash())
                .build();
    }
}
