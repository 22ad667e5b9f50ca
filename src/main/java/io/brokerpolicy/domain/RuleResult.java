package io.brokerpolicy.domain;

/**
 * A finding a rule inserts (a status, a violation, an adjustment). Rules write it without their own name;
 * the engine names the rule that inserted it, so a report always says which rule decided what.
 */
public interface RuleResult {

    /** The same finding, attributed to {@code rule}. */
    RuleResult firedBy(String rule);
}
