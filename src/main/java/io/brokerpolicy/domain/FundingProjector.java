package io.brokerpolicy.domain;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Projects funding forward at the current rates and prices. Prices stay as they are, so notional and
 * maintenance margin stay as they are, and only the margin balance moves, by the same amount every interval:
 * <ol>
 *   <li>funding per interval of a position = -side x notional x funding rate (a positive rate: longs pay);</li>
 *   <li>the margin balance at which a ratio threshold t (in %) is reached: B_t = maintenance margin x 100 / t;</li>
 *   <li>intervals until then = ceil((margin balance - B_t) / -funding per interval), 0 when already there, none when
 *       funding does not drain the balance.</li>
 * </ol>
 */
public final class FundingProjector {

    private FundingProjector() {
    }

    /** Null when no open position carries a funding rate: there is nothing to project. */
    public static FundingProjection project(MaintenanceMarginAccount account, PolicyTerms terms) {
        if (account.account().openPositions().stream().allMatch(p -> p.getPosition().fundingRate() == null)) {
            return null;
        }
        BigDecimal crossFunding = BigDecimal.ZERO;
        for (PositionState p : account.openCross()) {
            crossFunding = crossFunding.add(p.getPosition().fundingPerInterval());
        }
        BigDecimal crossBalance = account.getCrossMarginBalance();
        BigDecimal crossMaintenance = account.getCrossMaintenanceMargin();
        BigInteger untilCall = null;
        BigInteger untilLiquidation = null;
        if (crossMaintenance.signum() > 0) {
            untilCall = intervalsUntil(crossBalance,
                    MarginRatio.balanceAt(crossMaintenance, terms.marginCallRatio()), crossFunding);
            untilLiquidation = intervalsUntil(crossBalance,
                    MarginRatio.balanceAt(crossMaintenance, terms.liquidationRatio()), crossFunding);
        }
        List<FundingProjection.Isolated> isolated = new ArrayList<>();
        for (PositionState p : account.openIsolated()) {
            BigDecimal funding = p.getPosition().fundingPerInterval();
            isolated.add(new FundingProjection.Isolated(p.positionId(), funding, intervalsUntil(p.isolatedMarginBalance(),
                    MarginRatio.balanceAt(p.maintenanceMargin(), terms.liquidationRatio()), funding)));
        }
        return new FundingProjection(terms.fundingIntervalHours(), crossFunding, untilCall, untilLiquidation, isolated);
    }

    /**
     * The smallest whole number of intervals n for which balance + n x perInterval <= threshold; 0 when the balance
     * is already at or below it, null when perInterval does not lower the balance.
     */
    public static BigInteger intervalsUntil(BigDecimal balance, BigDecimal threshold, BigDecimal perInterval) {
        BigDecimal room = balance.subtract(threshold);
        if (room.signum() <= 0) {
            return BigInteger.ZERO;
        }
        if (perInterval.signum() >= 0) {
            return null;
        }
        return Decimals.divideReported(room, perInterval.negate(), 0, RoundingMode.CEILING).toBigIntegerExact();
    }
}
