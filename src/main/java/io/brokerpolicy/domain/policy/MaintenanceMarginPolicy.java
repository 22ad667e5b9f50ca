package io.brokerpolicy.domain.policy;

import io.brokerpolicy.domain.LeverageBracketTables;
import io.brokerpolicy.domain.LiquidationStyle;
import java.math.BigDecimal;
import java.util.Map;

/**
 * A broker's exchange-model parameters: how it liquidates, the fee a liquidation charges on the closed notional (in %),
 * how long a funding interval is, its leverage brackets, and the lot size of each symbol that has one (a partial
 * liquidation keeps a whole number of lots; symbols without one are reduced to the exact bracket floor).
 */
public record MaintenanceMarginPolicy(LiquidationStyle liquidation, BigDecimal liquidationFeePercent,
                                      BigDecimal fundingIntervalHours, LeverageBracketTables leverageBrackets,
                                      Map<String, BigDecimal> quantitySteps) {

    public MaintenanceMarginPolicy {
        quantitySteps = Map.copyOf(quantitySteps);
    }
}
