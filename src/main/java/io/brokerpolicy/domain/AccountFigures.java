package io.brokerpolicy.domain;

import java.math.BigDecimal;

/** Equity, used margin, free margin and margin level at one moment, unrounded; marginLevel null without margin. */
public record AccountFigures(BigDecimal balance, BigDecimal equity, BigDecimal usedMargin, BigDecimal freeMargin,
                             BigDecimal marginLevel) {
}
