package io.brokerpolicy.domain.policy;

import io.brokerpolicy.domain.LeverageBracketTables;
import io.brokerpolicy.domain.LiquidationStyle;
import java.math.BigDecimal;

/** A broker's exchange-model parameters: how it liquidates, how long a funding interval is, its leverage brackets. */
public record MaintenanceMarginPolicy(LiquidationStyle liquidation, BigDecimal fundingIntervalHours,
                                      LeverageBracketTables leverageBrackets) {
}
