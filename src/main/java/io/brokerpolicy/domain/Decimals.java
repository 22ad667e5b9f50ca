package io.brokerpolicy.domain;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Map;

/**
 * The one place that decides precision. Everything is computed in {@link MathContext#DECIMAL128};
 * only what is reported is rounded: margin levels to 2 decimals, money to the currency's minor unit,
 * both HALF_EVEN so that rounding errors do not drift in one direction over many accounts.
 */
public final class Decimals {

    public static final MathContext MC = MathContext.DECIMAL128;
    public static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    /** Settlement assets that ISO 4217 does not know; everything else unknown gets 2 decimals. */
    private static final Map<String, Integer> NON_ISO_MINOR_UNITS = Map.of("BTC", 8, "ETH", 8, "USDT", 2, "USDC", 2);

    private Decimals() {
    }

    /** Places kept by a division: a fixed scale keeps quotients short, so later arithmetic stays on longs. */
    public static final int DIVISION_SCALE = 10;

    /** a / b at {@link #DIVISION_SCALE} places, HALF_EVEN (domain.md): the division the exchange model's new figures use. */
    public static BigDecimal divide(BigDecimal a, BigDecimal b) {
        return a.divide(b, DIVISION_SCALE, RoundingMode.HALF_EVEN);
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
