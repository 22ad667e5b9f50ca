package io.brokerpolicy.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.nio.file.Path;

/** The service's own configuration keys (docs/api.md), each also settable as an environment variable; defaults in {@link Defaults}. */
@ConfigMapping(prefix = "brokerpolicy")
public interface BrokerPolicyConfig {

    @WithName("rules-dir")
    @WithDefault(Defaults.RULES_DIR)
    Path rulesDir();

    @WithName("policies-dir")
    @WithDefault(Defaults.POLICIES_DIR)
    Path policiesDir();

    @WithName("data-dir")
    @WithDefault(Defaults.DATA_DIR)
    Path dataDir();

    @WithName("max-positions")
    @WithDefault(Defaults.MAX_POSITIONS)
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
        @WithDefault(Defaults.MAX_RULE_FIRINGS)
        int maxRuleFirings();

        /** Wall-clock bound of one evaluation's rule firing; past it the evaluation is refused as runaway. */
        @WithName("max-evaluation-millis")
        @WithDefault(Defaults.MAX_EVALUATION_MILLIS)
        long maxEvaluationMillis();

        /** Wall-clock bound of checking and compiling a bundle; past it the bundle is refused. */
        @WithName("max-validation-millis")
        @WithDefault(Defaults.MAX_VALIDATION_MILLIS)
        long maxValidationMillis();

        /** Wall-clock bound of running a bundle's scenarios; past it the bundle is refused. */
        @WithName("max-scenario-run-millis")
        @WithDefault(Defaults.MAX_SCENARIO_RUN_MILLIS)
        long maxScenarioRunMillis();
    }

    Watch watch();

    /** Hot reload of rules-dir and policies-dir. */
    interface Watch {
        @WithDefault("true")
        boolean enabled();

        /** Quiet time that settles an editor's burst of saves into one reload. */
        @WithName("debounce-millis")
        @WithDefault("300")
        long debounceMillis();
    }

    Cluster cluster();

    /** Replicas on one PostgreSQL: activations announced by LISTEN/NOTIFY, plus a periodic resync. */
    interface Cluster {
        @WithDefault("true")
        boolean enabled();

        @WithName("resync-interval-millis")
        @WithDefault("10000")
        long resyncIntervalMillis();
    }
}
