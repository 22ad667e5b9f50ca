package io.brokerpolicy.app;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.nio.file.Path;

/** The service's own configuration keys (api.md), each also settable as an environment variable. */
@ConfigMapping(prefix = "brokerpolicy")
public interface BrokerPolicyConfig {

    @WithName("rules-dir")
    @WithDefault("rules")
    Path rulesDir();

    @WithName("policies-dir")
    @WithDefault("policies")
    Path policiesDir();

    @WithName("data-dir")
    @WithDefault("data")
    Path dataDir();

    @WithName("max-positions")
    @WithDefault("1000")
    int maxPositions();

    Engine engine();

    Security security();

    interface Security {
        /** Users of the embedded default's HTTP Basic authentication: {@code name=password,role[,role...]}. */
        @WithName("users-file")
        @WithDefault("data/users.properties")
        Path usersFile();
    }

    interface Engine {
        @WithName("max-rule-firings")
        @WithDefault("10000")
        int maxRuleFirings();
    }
}
