package io.brokerpolicy.domain;

import java.math.BigDecimal;

/**
 * One row of an exchange's leverage bracket table: positions whose notional lies in
 * (notionalFloor, notionalCap] (bracket 1 also takes a notional of 0) may use at most {@code maxLeverage}
 * and need a maintenance margin of notional x rate - maintenanceAmount.
 *
 * <p>The maintenance amount is the exchange's "cumulative maintenance amount": it makes the maintenance
 * margin continuous where one bracket ends and the next begins, so that crossing a boundary does not make the
 * margin jump (amount_n = amount_n-1 + floor_n x (rate_n - rate_n-1)).
 *
 * @param number                   1 for the lowest notionals, counting up
 * @param notionalCap              null for an open-ended top bracket
 * @param maintenanceMarginPercent the maintenance margin rate in percent (0.40 means 0.40%)
 */
public record LeverageBracket(int number, BigDecimal notionalFloor, BigDecimal notionalCap, BigDecimal maxLeverage,
                              BigDecimal maintenanceMarginPercent, BigDecimal maintenanceAmount) {

    /** The rate as a fraction (0.004 for 0.40%): exact, a shift of the decimal point rather than a division. */
    public BigDecimal rate() {
        return Decimals.fraction(maintenanceMarginPercent);
    }

    /** maintenance margin = notional x rate - maintenance amount. */
    public BigDecimal maintenanceMargin(BigDecimal notional) {
        return notional.multiply(rate()).subtract(maintenanceAmount);
    }

    /** True when the notional falls in this bracket: above the floor (bracket 1: from 0) and up to the cap. */
    public boolean contains(BigDecimal notional) {
        boolean aboveFloor = number == 1 ? notional.signum() >= 0 : notional.compareTo(notionalFloor) > 0;
        return aboveFloor && (notionalCap == null || notional.compareTo(notionalCap) <= 0);
    }
}
