package io.brokerpolicy.domain.policy;

import io.brokerpolicy.domain.AssetClass;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/**
 * A declared high-volatility window (a CPI print, an FOMC decision) in which leverage caps tighten. In force
 * from {@code from} (inclusive) to {@code to} (exclusive), judged at the snapshot's {@code asOf}.
 */
public record VolatilityWindow(String rule, String event, Instant from, Instant to,
                               Map<AssetClass, BigDecimal> leverageCaps) {

    public VolatilityWindow {
        leverageCaps = Map.copyOf(leverageCaps);
    }

    public boolean inForceAt(Instant asOf) {
        return !asOf.isBefore(from) && asOf.isBefore(to);
    }

    public String source() {
        return "volatility window " + rule + " cap (" + event + ", " + from + " to " + to + ")";
    }
}
