package io.brokerpolicy.app;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Once the JVM is stopping (SIGTERM), a request that arrives is refused at the door with 503, Retry-After
 * and a JSON error body, before anything evaluates or stores it, so that a client knows to send it to
 * another instance or again later; requests already inside are finished and answered (Quarkus waits for
 * them up to {@code quarkus.shutdown.timeout}), and the database stops only after that. Readiness turns
 * DOWN at the same moment.
 */
@ApplicationScoped
@Readiness
public class ShutdownGate implements HealthCheck {

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 1).handler(this::refuseWhenStopping);
    }

    private void refuseWhenStopping(RoutingContext context) {
        if (!ShutdownSequence.stopping() || !context.normalizedPath().startsWith("/api/")) {
            context.next();
            return;
        }
        context.response().setStatusCode(503)
                .putHeader("Retry-After", "5")
                .putHeader("Connection", "close")
                .putHeader("Content-Type", "application/json")
                .end(new JsonObject().put("error", "the service is shutting down; nothing was evaluated or stored,"
                        + " send the request again (to another instance)").put("details", new JsonArray()).encode());
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("accepting requests").status(!ShutdownSequence.stopping()).build();
    }
}
