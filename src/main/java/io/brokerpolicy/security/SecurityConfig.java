package io.brokerpolicy.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.nio.file.Path;

/** Settings of the embedded HTTP Basic users (docs/security.md). */
@ConfigMapping(prefix = "brokerpolicy.security")
public interface SecurityConfig {

    /** The users file: {@code name=password,role[,role...]}; created with one user per role when missing. */
    @WithName("users-file")
    @WithDefault("data/users.properties")
    Path usersFile();

    /** Whether to create the users file at start when it does not exist. */
    @WithName("generate-users-file")
    @WithDefault("true")
    boolean generateUsersFile();
}
