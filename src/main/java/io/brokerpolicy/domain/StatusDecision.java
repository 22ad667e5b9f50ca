package io.brokerpolicy.domain;

/** Inserted by a status rule; exactly one must exist after an evaluation. */
public record StatusDecision(AccountStatus status, String rule) implements RuleResult {

    /** As a rule writes it: the engine adds the rule's name. */
    public StatusDecision(AccountStatus status) {
        this(status, null);
    }

    public AccountStatus getStatus() {
        return status;
    }

    public String getRule() {
        return rule;
    }

    @Override
    public StatusDecision firedBy(String firingRule) {
        return new StatusDecision(status, firingRule);
    }
}
