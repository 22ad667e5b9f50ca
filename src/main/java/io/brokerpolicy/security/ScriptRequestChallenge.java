package io.brokerpolicy.security;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * A request that says it comes from a page's script ({@code X-Requested-With: XMLHttpRequest}, as the console
 * sends) gets its 401 without the {@code WWW-Authenticate} challenge. On a Basic challenge a browser shows its
 * own sign-in dialog over the page, so the console could not say "wrong password" and let the user try again.
 * Every other client (curl, trading systems, generated clients) keeps the challenge; the sign-in backoff is
 * untouched, as this only edits the headers of the answer already decided.
 */
@ApplicationScoped
public class ScriptRequestChallenge {

    static final String REQUESTED_WITH = "X-Requested-With";
    static final String XML_HTTP_REQUEST = "XMLHttpRequest";
    static final String WWW_AUTHENTICATE = "WWW-Authenticate";

    void install(@Observes Router router) {
        // before the authentication handler, so that the headers are edited whichever mechanism answers 401
        router.route().order(Integer.MIN_VALUE).handler(this::withoutChallengeForScripts);
    }

    private void withoutChallengeForScripts(RoutingContext context) {
        if (XML_HTTP_REQUEST.equalsIgnoreCase(context.request().getHeader(REQUESTED_WITH))) {
            context.addHeadersEndHandler(ignored -> {
                if (context.response().getStatusCode() == 401) {
                    context.response().headers().remove(WWW_AUTHENTICATE);
                }
            });
        }
        context.next();
    }
}
