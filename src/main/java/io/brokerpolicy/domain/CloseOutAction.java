package io.brokerpolicy.domain;

/**
 * A close-out step a rule asks for. The rule names the position; the engine carries the step out on the
 * account, records it, and tells the rule engine about every fact whose figures it changed, so that no rule
 * goes on matching figures from before the step.
 */
public sealed interface CloseOutAction permits ClosePosition, LiquidatePosition, ReducePositionOneBracket {

    PositionState position();

    /**
     * Carries the step out and returns it. {@code maintenance} is the exchange model's view of the account, null
     * under the margin-level model.
     *
     * @throws IllegalStateException when the step does not apply: the position is not open, or an exchange-model
     *                               step is asked for under the margin-level model
     */
    CloseOutStep apply(MarginAccount account, MaintenanceMarginAccount maintenance, String rule);

    static MaintenanceMarginAccount exchangeModel(MaintenanceMarginAccount maintenance, String step) {
        if (maintenance == null) {
            throw new IllegalStateException(step + " is an exchange-model step (marginModel MAINTENANCE_MARGIN);"
                    + " under the margin-level model use ClosePosition");
        }
        return maintenance;
    }
}
