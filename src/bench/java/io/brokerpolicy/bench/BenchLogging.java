package io.brokerpolicy.bench;

import java.util.logging.Level;
import org.jboss.logmanager.LogContext;

/**
 * Logging as the service runs it (INFO). Outside Quarkus, JBoss LogManager's unconfigured root logs
 * everything, and Drools' trace statements then format fact handles on every rule evaluation, which
 * would be measured as engine cost.
 */
final class BenchLogging {

    private BenchLogging() {
    }

    static void asInTheService() {
        LogContext.getSystemLogContext().getLogger("").setLevel(Level.INFO);
    }
}
