package io.brokerpolicy.domain;

import java.math.BigDecimal;

/** The mark price at which the account would reach its stop-out level, every other price unchanged. */
public record LiquidationPrice(String positionId, BigDecimal price) {
}
