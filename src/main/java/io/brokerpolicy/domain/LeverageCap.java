package io.brokerpolicy.domain;

import java.math.BigDecimal;

/** One leverage limit for an instrument class and where it comes from ("KYC tier FULL", "ESMA retail cap"). */
public record LeverageCap(AssetClass assetClass, BigDecimal limit, String source) {
}
