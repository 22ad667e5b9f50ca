package io.brokerpolicy.domain;

import java.math.BigDecimal;
import java.util.List;

/**
 * The leverage brackets of one symbol (or an exchange's default table), lowest notional first. The policy
 * parser guarantees they are contiguous from 0 and that the maintenance margin is continuous.
 */
public record LeverageBracketTable(String name, List<LeverageBracket> brackets) {

    public LeverageBracketTable {
        brackets = List.copyOf(brackets);
        if (brackets.isEmpty()) {
            throw new IllegalArgumentException("a bracket table needs at least one bracket");
        }
    }

    /** The bracket a notional falls in; a notional above the top cap is treated as in the top bracket. */
    public LeverageBracket bracketFor(BigDecimal notional) {
        for (LeverageBracket bracket : brackets) {
            if (bracket.contains(notional)) {
                return bracket;
            }
        }
        return brackets.get(brackets.size() - 1);
    }

    public BigDecimal maintenanceMargin(BigDecimal notional) {
        return bracketFor(notional).maintenanceMargin(notional);
    }
}
