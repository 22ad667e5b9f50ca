package io.brokerpolicy.domain;

/** Closes a position whole at its mark price (the margin-level model's stop-out step). */
public record ClosePosition(PositionState position) implements CloseOutAction {

    @Override
    public CloseOutStep apply(MarginAccount account, MaintenanceMarginAccount maintenance, String rule) {
        return account.close(position, rule);
    }
}
