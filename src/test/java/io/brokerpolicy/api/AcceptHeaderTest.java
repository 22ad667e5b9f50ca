package io.brokerpolicy.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AcceptHeaderTest {

    @ParameterizedTest(name = "[{0}] prefers NDJSON: {1}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
        "NULL | false",
        "'' | false",
        "*/* | false",
        "application/json | false",
        "application/x-ndjson | true",
        "APPLICATION/X-NDJSON | true",
        "application/json, application/x-ndjson | false",
        "application/x-ndjson, application/json | true",
        "application/json;q=0.5, application/x-ndjson | true",
        "application/x-ndjson;q=0.2, */* | false",
        "application/x-ndjson;q=0 | false",
        "text/html, application/x-ndjson;q=0.9, */*;q=0.8 | true"})
    void theFirstListedWinsATie_qualityOtherwise(String accept, boolean ndjson) {
        assertThat(AcceptHeader.prefersNdjson(accept)).isEqualTo(ndjson);
    }
}
