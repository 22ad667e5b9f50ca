package io.brokerpolicy.security;

import java.util.List;

/** The roles of docs/api.md. The HTTP permissions in application.properties refer to these names. */
public final class Roles {

    public static final String EVALUATOR = "evaluator";
    public static final String RISK_EDITOR = "risk-editor";
    public static final String COMPLIANCE = "compliance";
    /** May read /q/metrics and nothing else: what a Prometheus scraper signs in as. */
    public static final String METRICS = "metrics";
    public static final List<String> ALL = List.of(EVALUATOR, RISK_EDITOR, COMPLIANCE, METRICS);

    private Roles() {
    }
}
