package io.brokerpolicy.api;

import io.brokerpolicy.app.CurrentActor;
import io.brokerpolicy.persistence.AuditAccessLog;
import io.quarkus.runtime.BlockingOperationControl;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.util.concurrent.CompletableFuture;
import org.jboss.logging.Logger;

/**
 * Records every answered request to the compliance endpoints ({@code /api/v1/verdicts*},
 * {@code /api/v1/audit*}) in the audit read log, so no endpoint has to remember to. A read that cannot be
 * recorded is not answered: its body is replaced by a 503, since audit data shown to nobody-knows-whom is
 * what this log exists to prevent. A request refused by the role check shows nothing; some of those reach
 * here and are recorded with their 403. An answer produced off a worker thread (some error answers) is
 * recorded beside it rather than before it, since the event loop must not wait for JDBC.
 */
@Provider
public class AuditReadRecorder implements ContainerResponseFilter {

    private static final Logger LOG = Logger.getLogger(AuditReadRecorder.class);

    @Inject
    AuditAccessLog log;
    @Inject
    CurrentActor actor;

    static boolean isAuditRead(String path) {
        String p = path.startsWith("/") ? path : "/" + path;
        return p.startsWith("/api/v1/verdicts") || p.startsWith("/api/v1/audit");
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        String path = request.getUriInfo().getPath();
        if (!isAuditRead(path)) {
            return;
        }
        String who = actor.name();
        String method = request.getMethod();
        String query = request.getUriInfo().getRequestUri().getRawQuery();
        int status = response.getStatus();
        try {
            if (BlockingOperationControl.isBlockingAllowed()) {
                log.record(who, method, path, query, status);
            } else {
                // A non-blocking endpoint runs on the event loop, where JDBC must not wait: recorded beside
                // the answer instead of before it. Every compliance endpoint today is blocking.
                CompletableFuture.runAsync(() -> log.record(who, method, path, query, status))
                        .exceptionally(e -> {
                            LOG.errorf("could not record an audit read of %s by %s: %s", path, who, e.getMessage());
                            return null;
                        });
            }
        } catch (RuntimeException e) {
            LOG.warnf("could not record an audit read of %s by %s: %s", path, who, e.getMessage());
            response.setStatus(Response.Status.SERVICE_UNAVAILABLE.getStatusCode());
            response.getHeaders().putSingle("Retry-After", "2");
            response.setEntity(ErrorBody.of("the read could not be recorded in the audit read log; nothing is "
                    + "shown without that record, retry the request"), null, MediaType.APPLICATION_JSON_TYPE);
        }
    }
}
