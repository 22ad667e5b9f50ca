package io.brokerpolicy.domain.policy;

import io.brokerpolicy.domain.AssetClass;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Set;

/**
 * What one regulator requires for retail clients in its jurisdictions: maximum leverage per instrument
 * class, the margin close-out floor (a retail stop-out level may not be below it) and whether negative
 * balance protection is mandatory. Professional clients are exempt.
 */
public record RegulatorPreset(
        String id,
        String name,
        String file,
        Set<String> jurisdictions,
        Map<AssetClass, BigDecimal> retailLeverageCaps,
        BigDecimal retailMinStopOutLevel,
        boolean retailNegativeBalanceProtection) {

    public RegulatorPreset {
        jurisdictions = Set.copyOf(jurisdictions);
        retailLeverageCaps = Map.copyOf(retailLeverageCaps);
    }
}
