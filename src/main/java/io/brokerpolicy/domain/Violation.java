package io.brokerpolicy.domain;

import java.math.BigDecimal;

/** A finding that does not depend on the margin level; {@code positionId} is null for account-wide ones. */
public record Violation(
        ViolationCode code,
        String positionId,
        BigDecimal limit,
        BigDecimal actual,
        String rule,
        String detail) {
}
