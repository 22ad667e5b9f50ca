package io.brokerpolicy.domain;

import java.math.BigDecimal;

/**
 * The exchange model's margin ratio: maintenance margin / margin balance x 100. It rises as the account
 * weakens (the opposite of the margin level), and the account is liquidated when it reaches the liquidation
 * ratio (100% at most exchanges).
 */
public final class MarginRatio {

    private MarginRatio() {
    }

    /**
     * The ratio in %, or null when it cannot be measured: no maintenance margin (nothing open) or a margin
     * balance of zero or below (the ratio would be infinite or negative).
     */
    public static BigDecimal percent(BigDecimal maintenanceMargin, BigDecimal marginBalance) {
        if (maintenanceMargin.signum() == 0 || marginBalance.signum() <= 0) {
            return null;
        }
        return Decimals.percent(maintenanceMargin, marginBalance);
    }

    /**
     * True when maintenance margin is used and the ratio is at or above {@code thresholdPercent}; a margin balance
     * of zero or below with maintenance margin in use counts as above every threshold.
     */
    public static boolean atOrAbove(BigDecimal maintenanceMargin, BigDecimal marginBalance, BigDecimal thresholdPercent) {
        if (maintenanceMargin.signum() <= 0) {
            return false;
        }
        if (marginBalance.signum() <= 0) {
            return true;
        }
        return percent(maintenanceMargin, marginBalance).compareTo(thresholdPercent) >= 0;
    }

    /**
     * The margin balance at which the ratio reaches {@code thresholdPercent}: maintenance margin x 100 / threshold.
     * The account is at or past the threshold while its margin balance is at or below this amount.
     */
    public static BigDecimal balanceAt(BigDecimal maintenanceMargin, BigDecimal thresholdPercent) {
        return Decimals.percent(maintenanceMargin, thresholdPercent);
    }
}
