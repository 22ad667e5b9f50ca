package io.brokerpolicy.audit;

import static io.brokerpolicy.testsupport.Api.asCompliance;

import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;

/**
 * Takes everything written so far into the audit log under a signed checkpoint, then verifies the whole
 * log through the API, as compliance would after an incident.
 */
public final class LogCheck {

    private LogCheck() {
    }

    /** The problems found (empty when every leaf is whole), and how many leaves were checked. */
    public record Result(long checked, long pending, List<String> problems) {
    }

    public static Result verify() {
        asCompliance().post("/api/v1/audit/checkpoints").then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
        JsonPath result = asCompliance().get("/api/v1/audit/verify").then().statusCode(200).extract().jsonPath();
        List<String> problems = new ArrayList<>();
        if (!result.getBoolean("ok")) {
            problems.add("leaf " + result.getString("brokenAt.leafIndex") + " (" + result.getString("brokenAt.table") + " "
                    + result.getString("brokenAt.id") + "): " + result.getString("brokenAt.reason"));
        }
        return new Result(result.getLong("checked"), result.getLong("pending"), problems);
    }
}
