package io.brokerpolicy.domain;

import java.math.BigDecimal;

/** The margin levels (in %) that applied to an evaluation, after any regulatory floor. */
public record Thresholds(BigDecimal marginCallLevel, BigDecimal stopOutLevel) {
}
