package io.brokerpolicy.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.util.Optional;

/** How exports show account identifiers ({@link AccountIdMasker}). */
@ConfigMapping(prefix = "brokerpolicy.export")
public interface MaskingConfig {

    @WithName("mask-account-ids")
    @WithDefault("true")
    boolean maskAccountIds();

    /** The HMAC key for pseudonyms; unset = last four characters. Keep it secret and never change it. */
    @WithName("mask-key")
    Optional<String> maskKey();
}
