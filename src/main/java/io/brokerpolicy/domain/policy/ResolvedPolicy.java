package io.brokerpolicy.domain.policy;

import io.brokerpolicy.domain.AssetClass;
import io.brokerpolicy.domain.LeverageCap;
import io.brokerpolicy.domain.PolicyTerms;
import java.util.Map;

/** The terms and the effective leverage caps that apply to one snapshot. */
public record ResolvedPolicy(PolicyTerms terms, Map<AssetClass, LeverageCap> effectiveCaps) {

    public ResolvedPolicy {
        effectiveCaps = Map.copyOf(effectiveCaps);
    }

    /** The tightest cap for the class, or null when nothing caps it. */
    public LeverageCap capFor(AssetClass assetClass) {
        return effectiveCaps.get(assetClass);
    }
}
