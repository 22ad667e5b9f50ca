package io.brokerpolicy.domain;

/** Instrument classes as regulators group them for leverage caps. */
public enum AssetClass {
    FX_MAJOR,
    FX_MINOR,
    GOLD,
    INDEX_MAJOR,
    INDEX_MINOR,
    COMMODITY,
    EQUITY,
    CRYPTO
}
