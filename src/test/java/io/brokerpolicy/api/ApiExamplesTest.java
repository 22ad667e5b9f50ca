package io.brokerpolicy.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The OpenAPI document's request examples are the files of examples/, so neither can change without the other. */
class ApiExamplesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest(name = "{0}")
    @CsvSource({"examples/healthy.json, HEALTHY", "examples/stop-out.json, STOP_OUT",
        "examples/crypto-partial-liquidation.json, CRYPTO_PARTIAL_LIQUIDATION"})
    void eachExampleIsTheFile(String file, String constant) throws Exception {
        String example = (String) ApiExamples.class.getDeclaredField(constant).get(null);
        assertThat(JSON.readTree(example)).isEqualTo(JSON.readTree(Files.readString(Path.of(file))));
    }

    @org.junit.jupiter.api.Test
    void theBatchExampleIsTwoOfThem() throws IOException {
        assertThat(JSON.readTree(ApiExamples.BATCH)).containsExactly(
                JSON.readTree(Files.readString(Path.of("examples/healthy.json"))),
                JSON.readTree(Files.readString(Path.of("examples/stop-out.json"))));
    }
}
