package io.brokerpolicy.testsupport;

import static io.restassured.RestAssured.given;

import io.restassured.specification.RequestSpecification;

/**
 * Requests as each role (docs/api.md) would send them, with the test users of
 * {@code src/test/resources/test-users.properties}. Every API test goes through one of these.
 */
public final class Api {

    public static final String EVALUATOR = "test-evaluator";
    public static final String RISK_EDITOR = "test-risk-editor";
    public static final String COMPLIANCE = "test-compliance";
    public static final String PASSWORD = "test-password";

    private Api() {
    }

    public static RequestSpecification asEvaluator() {
        return as(EVALUATOR);
    }

    public static RequestSpecification asRiskEditor() {
        return as(RISK_EDITOR);
    }

    public static RequestSpecification asCompliance() {
        return as(COMPLIANCE);
    }

    public static RequestSpecification as(String user) {
        return given().auth().preemptive().basic(user, PASSWORD);
    }
}
