package io.brokerpolicy.engine;

import io.brokerpolicy.domain.FiredRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.definition.rule.Rule;

/**
 * Records every rule firing, in order, with the bundle file the rule was written in, and halts the
 * session once the evaluation's deadline has passed. Checking at each firing costs a clock read and
 * needs no thread; a halted session ends its fireAllRules, and the caller answers an error.
 */
final class RuleTrace extends DefaultAgendaEventListener {

    /** A runaway evaluation is refused anyway; its trace need not grow without end. */
    private static final int MAX_RECORDED = 100_000;

    private final Map<String, String> fileByRule;
    private final List<FiredRule> fired = new ArrayList<>();
    private final long deadlineNanos;
    private boolean timedOut;

    RuleTrace(Map<String, String> fileByRule, long deadlineNanos) {
        this.fileByRule = fileByRule;
        this.deadlineNanos = deadlineNanos;
    }

    @Override
    public void afterMatchFired(AfterMatchFiredEvent event) {
        Rule rule = event.getMatch().getRule();
        if (fired.size() < MAX_RECORDED) {
            fired.add(new FiredRule(rule.getName(), fileByRule.get(ruleKey(rule.getPackageName(), rule.getName()))));
        }
        if (System.nanoTime() - deadlineNanos > 0) {
            timedOut = true;
            event.getKieRuntime().halt();
        }
    }

    boolean timedOut() {
        return timedOut;
    }

    List<FiredRule> fired() {
        return fired;
    }

    static String ruleKey(String packageName, String ruleName) {
        return packageName + "/" + ruleName;
    }
}
