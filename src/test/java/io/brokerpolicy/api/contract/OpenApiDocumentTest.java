package io.brokerpolicy.api.contract;

import static io.brokerpolicy.testsupport.Api.asCompliance;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The committed contract, docs/openapi.yaml, is exactly the document the service serves, so the client the build
 * generates from it (and any client a user generates) matches the service. After a change to the API, regenerate it:
 * {@code ./mvnw -B test -Dtest=OpenApiDocumentTest -Dopenapi.write=true}, then commit docs/openapi.yaml.
 */
@QuarkusTest
class OpenApiDocumentTest {

    static final Path COMMITTED = Path.of("docs/openapi.yaml");

    @Test
    void committedDocumentIsTheOneServed() throws IOException {
        String served = asCompliance().get("/q/openapi?format=yaml").then().statusCode(200).extract().asString();
        if (Boolean.getBoolean("openapi.write")) {
            Files.writeString(COMMITTED, served, StandardCharsets.UTF_8);
        }
        String committed = Files.exists(COMMITTED) ? Files.readString(COMMITTED, StandardCharsets.UTF_8) : "";
        assertThat(committed)
                .withFailMessage("docs/openapi.yaml differs from the document the service serves at /q/openapi;"
                        + " regenerate it with ./mvnw -B test -Dtest=OpenApiDocumentTest -Dopenapi.write=true"
                        + " and commit it (first difference at line %d)", firstDifferentLine(committed, served))
                .isEqualTo(served);
    }

    /**
     * Every operation, including one added later, is usable from a generated client: an operationId (the method's
     * name in clients) and a summary, its answers typed, and the sign-in failures every API path can answer. Redocly's
     * recommended ruleset (CI) refuses a document without summaries.
     */
    @Test
    void everyOperationHasAnIdASummaryAndItsAnswers() throws IOException {
        JsonNode document = new ObjectMapper(new YAMLFactory()).readTree(
                asCompliance().get("/q/openapi?format=yaml").then().statusCode(200).extract().asString());
        List<String> operations = new ArrayList<>();
        document.get("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(method -> {
            String operation = method.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey();
            JsonNode op = method.getValue();
            operations.add(operation);
            assertThat(op.path("operationId").asText()).as("operationId of %s", operation).isNotBlank();
            assertThat(op.path("summary").asText()).as("summary of %s", operation).isNotBlank();
            assertThat(op.path("tags")).as("tags of %s", operation).isNotEmpty();
            List<String> statuses = new ArrayList<>();
            op.path("responses").fieldNames().forEachRemaining(statuses::add);
            assertThat(statuses).as("answers of %s", operation).contains("401", "403")
                    .anyMatch(status -> status.startsWith("2"));
            op.path("responses").fields().forEachRemaining(answer -> answer.getValue().path("content").fields()
                    .forEachRemaining(media -> assertThat(media.getValue().path("schema").isEmpty())
                            .as("schema of %s %s %s", operation, answer.getKey(), media.getKey()).isFalse()));
        }));
        assertThat(operations).as("the operations of the API").hasSizeGreaterThanOrEqualTo(23);
    }

    private static int firstDifferentLine(String a, String b) {
        String[] x = a.split("\n", -1);
        String[] y = b.split("\n", -1);
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            if (!x[i].equals(y[i])) {
                return i + 1;
            }
        }
        return Math.min(x.length, y.length) + 1;
    }
}
