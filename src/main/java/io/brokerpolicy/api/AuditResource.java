package io.brokerpolicy.api;

import io.brokerpolicy.audit.AuditChainVerifier;
import io.brokerpolicy.audit.ChainVerification;
import io.brokerpolicy.persistence.AuditReadLog;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

/** Proof that the audit record was not altered: the whole hash chain recomputed. */
@Path("/api/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    @Inject
    AuditChainVerifier verifier;
    @Inject
    AuditReadLog readLog;

    /** {"ok": true, "checked": n} or {"ok": false, "checked": n, "brokenAt": {chainSeq, table, id, reason}}. */
    @GET
    @Path("/verify")
    public ChainVerification verify(@Context SecurityContext caller) {
        ChainVerification result = verifier.verify();
        readLog.record(VerdictResource.actor(caller), AuditReadLog.Action.VERIFY, null,
                "ok=" + result.ok() + " checked=" + result.checked());
        return result;
    }
}
