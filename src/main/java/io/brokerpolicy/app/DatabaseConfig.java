package io.brokerpolicy.app;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** Settings of the service's use of its database (docs/security.md). */
@ConfigMapping(prefix = "brokerpolicy.database")
public interface DatabaseConfig {

    /** Start even on a server that acknowledges commits before they are durable (logged as an error). */
    @WithName("allow-non-durable")
    @WithDefault("false")
    boolean allowNonDurable();
}
