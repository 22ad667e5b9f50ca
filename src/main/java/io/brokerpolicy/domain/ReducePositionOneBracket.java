package io.brokerpolicy.domain;

/**
 * Exchange model: reduces a position to the floor of its leverage bracket, or closes it whole when it is in the
 * first bracket already.
 */
public record ReducePositionOneBracket(PositionState position) implements CloseOutAction {

    @Override
    public CloseOutStep apply(MarginAccount account, MaintenanceMarginAccount maintenance, String rule) {
        return CloseOutAction.exchangeModel(maintenance, "ReducePositionOneBracket").reduceOneBracket(position, rule);
    }
}
