package io.brokerpolicy.engine;

import io.brokerpolicy.domain.FiredRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.definition.rule.Rule;

/** Records every rule firing, in order, with the bundle file the rule was written in. */
final class RuleTrace extends DefaultAgendaEventListener {

    private final Map<String, String> fileByRule;
    private final List<FiredRule> fired = new ArrayList<>();

    RuleTrace(Map<String, String> fileByRule) {
        this.fileByRule = fileByRule;
    }

    @Override
    public void afterMatchFired(AfterMatchFiredEvent event) {
        Rule rule = event.getMatch().getRule();
        fired.add(new FiredRule(rule.getName(), fileByRule.get(ruleKey(rule.getPackageName(), rule.getName()))));
    }

    List<FiredRule> fired() {
        return fired;
    }

    static String ruleKey(String packageName, String ruleName) {
        return packageName + "/" + ruleName;
    }
}
