package io.brokerpolicy.domain;

import java.math.BigDecimal;

/** The amount the broker absorbs under negative balance protection to bring equity back to zero. */
public record NegativeBalanceAdjustment(BigDecimal amount, String rule) {
}
