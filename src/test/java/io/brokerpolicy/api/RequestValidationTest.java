package io.brokerpolicy.api;

import static io.brokerpolicy.testsupport.Api.asRiskEditor;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The request DTOs checked by Bean Validation answer like every other bad input: 400 with
 * {"error", "details": [{"field", "message"}]}, the field named as the client wrote it, nothing stored.
 */
@QuarkusTest
class RequestValidationTest {

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "{} | files | is required",
        "{\"files\": null} | files | is required",
        "{\"files\": {\"../etc/passwd.drl\": \"x\"}} | files.../etc/passwd.drl | is not a bundle path",
        "{\"files\": {\"rules/margin.txt\": \"x\"}} | files.rules/margin.txt | is not a bundle path",
        "{\"files\": {\"rules/margin.drl\": 5}} | files.rules/margin.drl | has the wrong type",
        "{\"files\": {\"rules/margin.drl\": {\"a\": 1}}} | files.rules/margin.drl | has the wrong type",
        "{\"files\": {}, \"file\": {}} | file | unknown field (known: files)",
        "{\"files\": {\"rules/nothing-here.drl\": null}} | files.rules/nothing-here.drl | the active version has no such file",
        "[] | $ | has the wrong type"})
    void aBadPolicyFilesBody_is400NamingTheField(String body, String field, String message) {
        for (String path : new String[] {"/api/v1/policy/validate", "/api/v1/policy/drafts"}) {
            asRiskEditor().contentType(ContentType.JSON).body(body).post(path).then().statusCode(400)
                    .body("error", not(emptyString()))
                    .body("details", hasSize(1))
                    .body("details[0].field", equalTo(field))
                    .body("details[0].message", containsString(message));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/policy/validate", "/api/v1/policy/drafts"})
    void noBodyAtAll_is400(String path) {
        asRiskEditor().contentType(ContentType.JSON).post(path).then().statusCode(400)
                .body("details.field", contains("$"))
                .body("details[0].message", containsString("send a JSON object"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "{} | shocks | is required",
        "{\"shocks\": {}} | shocks | give from 1 to 500 percent moves",
        "{\"shock\": {\"BTCUSDT\": -5}} | shock | unknown field (known: shocks)",
        "{\"shocks\": [1]} | shocks | has the wrong type",
        "{\"shocks\": {\"BTCUSDT\": \"lots\"}} | shocks.BTCUSDT | must be a number",
        "{\"shocks\": {\"BTCUSDT\": 0.1234567}} | shocks.BTCUSDT | more than 6 decimals"})
    void aBadStressBody_is400NamingTheField(String body, String field, String message) {
        asRiskEditor().contentType(ContentType.JSON).body(body).post("/api/v1/policy/versions/1/stress").then()
                .statusCode(400)
                .body("details", hasSize(1))
                .body("details[0].field", equalTo(field))
                .body("details[0].message", containsString(message));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "100001"})
    void aSimulationSizeOutOfRange_is400NamingLast(String last) {
        asRiskEditor().post("/api/v1/policy/versions/1/simulate?last=" + last).then().statusCode(400)
                .body("details.field", contains("last"))
                .body("details[0].message", equalTo("must be from 1 to 100000"));
    }
}
