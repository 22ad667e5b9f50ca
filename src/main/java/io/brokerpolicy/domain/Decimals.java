package io.brokerpolicy.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Map;

/**
 * The one place that decides precision. Addition, subtraction and multiplication are exact; every division is
 * {@link #divide taken} to a fixed {@link #DIVISION_SCALE scale of 10 places}, HALF_EVEN, so that intermediate
 * figures keep a few digits and stay in BigDecimal's compact long-backed form (a 34-digit quotient would push
 * every later operation onto BigInteger). Only what is reported is rounded: margin levels and ratios to 2
 * decimals and money to the currency's minor unit, both HALF_EVEN so that rounding errors do not drift in one
 * direction over many accounts; a quotient that is reported rounded in one direction (a liquidation price, a
 * number of funding intervals) is divided {@link #divideReported straight to the reported scale} in that
 * direction, so no intermediate rounding can move it across a reported digit.
 */
public final class Decimals {

    public static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    /** Places kept by a division: a fixed scale keeps quotients short, so later arithmetic stays on longs. */
    public static final int DIVISION_SCALE = 10;

    /** Settlement assets that ISO 4217 does not know; everything else unknown gets 2 decimals. */
    private static final Map<String, Integer> NON_ISO_MINOR_UNITS = Map.of("BTC", 8, "ETH", 8, "USDT", 2, "USDC", 2);

    private Decimals() {
    }

    /** a / b at {@link #DIVISION_SCALE} places, HALF_EVEN: every division of an unreported figure. */
    public static BigDecimal divide(BigDecimal a, BigDecimal b) {
        return a.divide(b, DIVISION_SCALE, RoundingMode.HALF_EVEN);
    }

    /**
     * a / b at {@link #DIVISION_SCALE} places in a given direction: for a quotient that must not overshoot, such as the
     * quantity a partial liquidation keeps, whose notional must not end a rounding residue above a bracket floor.
     */
    public static BigDecimal divide(BigDecimal a, BigDecimal b, RoundingMode mode) {
        return a.divide(b, DIVISION_SCALE, mode);
    }

    /**
     * A percentage as a fraction (0.40 -> 0.0040): a decimal shift, exact, so a rate with many places keeps them
     * all (a division by 100 at scale 10 would round one with more than 8).
     */
    public static BigDecimal fraction(BigDecimal percent) {
        return percent.movePointLeft(2);
    }

    /** a x 100 / b at {@link #DIVISION_SCALE} places: a margin level or a margin ratio before it is reported. */
    public static BigDecimal percent(BigDecimal a, BigDecimal b) {
        return divide(a.multiply(HUNDRED), b);
    }

    /**
     * a / b rounded once, straight to the reported {@code scale} in the direction {@code mode}: a quotient that is
     * reported rounded one way must be the exact quotient rounded that way, not a rounded quotient rounded again.
     */
    public static BigDecimal divideReported(BigDecimal a, BigDecimal b, int scale, RoundingMode mode) {
        return a.divide(b, scale, mode);
    }

    public static BigDecimal level(BigDecimal marginLevel) {
        return marginLevel == null ? null : marginLevel.setScale(2, RoundingMode.HALF_EVEN);
    }

    public static BigDecimal money(BigDecimal amount, String currency) {
        return amount == null ? null : amount.setScale(minorUnit(currency), RoundingMode.HALF_EVEN);
    }

    /**
     * A reported quantity (in lots): at most 8 decimals, HALF_EVEN, trailing zeros dropped. Quantities left by a
     * partial liquidation (a bracket floor divided by the mark price) rarely terminate.
     */
    public static BigDecimal quantity(BigDecimal quantity) {
        if (quantity == null) {
            return null;
        }
        return plain(quantity.scale() > 8 ? quantity.setScale(8, RoundingMode.HALF_EVEN) : quantity);
    }

    public static int minorUnit(String currency) {
        Integer known = NON_ISO_MINOR_UNITS.get(currency);
        if (known != null) {
            return known;
        }
        try {
            int digits = Currency.getInstance(currency).getDefaultFractionDigits();
            return digits < 0 ? 2 : digits;
        } catch (IllegalArgumentException | NullPointerException unknown) {
            return 2;
        }
    }

    public static boolean isZero(BigDecimal value) {
        return value.signum() == 0;
    }

    /** Strips trailing zeros but never produces a negative scale (100 stays "100", not "1E+2"). */
    public static BigDecimal plain(BigDecimal value) {
        if (value == null) {
            return null;
        }
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
