package io.brokerpolicy.domain;

/**
 * Exchange model: closes a position whole at its mark price; an isolated position's loss stops at its own
 * margin (the rest is the exchange's).
 */
public record LiquidatePosition(PositionState position) implements CloseOutAction {

    @Override
    public CloseOutStep apply(MarginAccount account, MaintenanceMarginAccount maintenance, String rule) {
        return CloseOutAction.exchangeModel(maintenance, "LiquidatePosition").liquidate(position, rule);
    }
}
