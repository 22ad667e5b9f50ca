package io.brokerpolicy.domain;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;

/**
 * How many funding intervals, at the current funding rates and prices, until the cross account reaches its
 * margin-call ratio and its liquidation ratio, and until each isolated position reaches its liquidation ratio.
 * An interval count is null when funding does not drain the margin (it is received, or zero); 0 when the ratio
 * is already there.
 *
 * @param intervalHours              the length of one funding interval (8 hours at most exchanges)
 * @param crossFundingPerInterval    what the cross positions together receive per interval (negative: they pay)
 */
public record FundingProjection(
        BigDecimal intervalHours,
        BigDecimal crossFundingPerInterval,
        BigInteger intervalsUntilMarginCall,
        BigInteger intervalsUntilLiquidation,
        List<Isolated> isolated) {

    public FundingProjection {
        isolated = List.copyOf(isolated);
    }

    /** One isolated position's own projection. */
    public record Isolated(String positionId, BigDecimal fundingPerInterval, BigInteger intervalsUntilLiquidation) {
    }
}
