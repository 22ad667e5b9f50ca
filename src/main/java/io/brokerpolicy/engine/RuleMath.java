package io.brokerpolicy.engine;

import io.brokerpolicy.domain.Decimals;
import java.math.BigDecimal;
import java.math.MathContext;

/**
 * The arithmetic and comparisons of checked rules: the service writes calls to these into the rule files it
 * compiles, so that a decimal in a rule means one thing in a pattern and in a consequence. Every operation is
 * bounded: sums and products to 34 significant digits, divisions at the domain's fixed scale, so no rule can make
 * a figure (and its cost) grow without bound; a
 * comparison is by value ({@code 2.0 == 2.00}) and false when either side is null. Arithmetic on a missing figure
 * (null: a parameter the account's policy does not declare, a margin level without margin) is missing too, so a
 * condition that needs it is simply not met.
 */
public final class RuleMath {

    private static final MathContext BOUNDED = MathContext.DECIMAL128;

    private RuleMath() {
    }

    public static BigDecimal decimal(String literal) {
        return new BigDecimal(literal);
    }

    public static BigDecimal whole(long value) {
        return BigDecimal.valueOf(value);
    }

    public static BigDecimal plus(BigDecimal a, BigDecimal b) {
        return a == null || b == null ? null : a.add(b, BOUNDED);
    }

    public static BigDecimal minus(BigDecimal a, BigDecimal b) {
        return a == null || b == null ? null : a.subtract(b, BOUNDED);
    }

    public static BigDecimal times(BigDecimal a, BigDecimal b) {
        return a == null || b == null ? null : a.multiply(b, BOUNDED);
    }

    /** A division by zero is an error of the rule that asked for it (the evaluation names the rule). */
    public static BigDecimal dividedBy(BigDecimal a, BigDecimal b) {
        return a == null || b == null ? null : Decimals.divide(a, b);
    }

    public static BigDecimal negated(BigDecimal a) {
        return a == null ? null : a.negate();
    }

    public static boolean eq(BigDecimal a, BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }

    public static boolean ne(BigDecimal a, BigDecimal b) {
        return !eq(a, b);
    }

    public static boolean lt(BigDecimal a, BigDecimal b) {
        return a != null && b != null && a.compareTo(b) < 0;
    }

    public static boolean le(BigDecimal a, BigDecimal b) {
        return a != null && b != null && a.compareTo(b) <= 0;
    }

    public static boolean gt(BigDecimal a, BigDecimal b) {
        return a != null && b != null && a.compareTo(b) > 0;
    }

    public static boolean ge(BigDecimal a, BigDecimal b) {
        return a != null && b != null && a.compareTo(b) >= 0;
    }
}
