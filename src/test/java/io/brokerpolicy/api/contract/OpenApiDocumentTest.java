package io.brokerpolicy.api.contract;

import static io.brokerpolicy.testsupport.Api.asCompliance;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
