package io.brokerpolicy.engine;

import io.brokerpolicy.domain.CloseOutAction;
import io.brokerpolicy.domain.CurrentMaintenanceMargin;
import io.brokerpolicy.domain.CurrentMargin;
import io.brokerpolicy.domain.MaintenanceMarginAccount;
import io.brokerpolicy.domain.MarginAccount;
import io.brokerpolicy.domain.PositionState;
import io.brokerpolicy.domain.RuleResult;
import org.drools.base.rule.consequence.ConsequenceContext;

/**
 * What a rule's {@code insert( new ... )} does, for one evaluation (the checked rule files call it; no rule can
 * name it). A finding is attributed to the rule that fired and inserted. A close-out step is carried out on the
 * account, and every fact whose figures it changed is updated in the session (the position deleted when closed,
 * updated when reduced; the current margin figures updated), so that no rule matches a figure from before
 * the step.
 */
public final class RuleActions {

    private final MarginAccount account;
    private final MaintenanceMarginAccount maintenance;
    private final CurrentMargin current;
    private final CurrentMaintenanceMargin currentMaintenance;

    RuleActions(MarginAccount account, MaintenanceMarginAccount maintenance, CurrentMargin current,
                CurrentMaintenanceMargin currentMaintenance) {
        this.account = account;
        this.maintenance = maintenance;
        this.current = current;
        this.currentMaintenance = currentMaintenance;
    }

    public void insert(ConsequenceContext drools, Object result) {
        String rule = drools.getRule().getName();
        if (result instanceof CloseOutAction action) {
            closeOut(drools, action, rule);
        } else if (result instanceof RuleResult finding) {
            drools.insert(finding.firedBy(rule));
        } else {
            throw new EvaluationException("rule " + rule + " inserted something that is not a result of the catalogue");
        }
    }

    private void closeOut(ConsequenceContext drools, CloseOutAction action, String rule) {
        PositionState position = action.position();
        try {
            action.apply(account, maintenance, rule);
        } catch (IllegalStateException e) {
            throw new EvaluationException("rule " + rule + " asked for a close-out step that does not apply: "
                    + e.getMessage());
        }
        if (position.isOpen()) {
            drools.update(position);
        } else {
            drools.delete(position);
        }
        drools.update(current);
        if (currentMaintenance != null) {
            drools.update(currentMaintenance);
        }
    }
}
