package io.brokerpolicy.security;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Answers a sign-in refused by the backoff with 429, a Retry-After header and the usual JSON error body,
 * instead of the 401 challenge of a wrong password.
 */
@ApplicationScoped
public class SignInThrottledAnswer {

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(this::answer);
    }

    private void answer(RoutingContext context) {
        SignInThrottledException throttled = find(context.failure());
        if (throttled == null || context.response().headWritten()) {
            context.next();
            return;
        }
        context.response().setStatusCode(429)
                .putHeader("Retry-After", Long.toString(Math.max(1, throttled.retryAfter().toSeconds())))
                .putHeader("Content-Type", "application/json")
                .end(new JsonObject().put("error", throttled.getMessage()).put("details", new JsonArray()).encode());
    }

    private static SignInThrottledException find(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SignInThrottledException throttled) {
                return throttled;
            }
        }
        return null;
    }
}
