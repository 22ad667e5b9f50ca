package io.brokerpolicy.domain.policy;

import io.brokerpolicy.domain.AssetClass;
import java.math.BigDecimal;
import java.util.Map;

/**
 * What one KYC tier may do: the maximum leverage per instrument class (a class not listed is not capped
 * by the tier) and the maximum total notional (null: no limit).
 */
public record KycTierPolicy(String name, Map<AssetClass, BigDecimal> leverageCaps, BigDecimal maxNotional) {

    public KycTierPolicy {
        leverageCaps = Map.copyOf(leverageCaps);
    }
}
