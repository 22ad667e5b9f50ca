package io.brokerpolicy.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The packaged service as an operator runs it with {@code QUARKUS_LOG_CONSOLE_JSON=true}: every line it writes
 * is one JSON object (a log collector reads it without a pattern). Without the variable the log is plain text.
 * Tracing is off by default: no OpenTelemetry exporter complains about a collector that is not there.
 */
class JsonLogsIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void withTheVariable_everyLineIsOneJsonObject() throws Exception {
        assertThat(ServiceProcess.JAR).as("the packaged service; run ./mvnw verify").exists();
        Path work = Files.createTempDirectory(Path.of("target"), "json-logs-");
        ServiceProcess service = new ServiceProcess(work, Map.of())
                .environment(Map.of("QUARKUS_LOG_CONSOLE_JSON", "true"));
        service.start();
        try {
            // something to log beyond the start: a sign-in that fails is logged by nobody, but a scrape is served
            HttpResponse<String> metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(service.base() + "/q/metrics")).header("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString("test-metrics:test-password".getBytes(StandardCharsets.UTF_8)))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(metrics.statusCode()).isEqualTo(200);
        } finally {
            assertThat(service.terminate()).as("exit code after SIGTERM").isIn(0, 143);
        }
        List<String> lines = Files.readAllLines(service.log()).stream().filter(line -> !line.isBlank()).toList();
        assertThat(lines).hasSizeGreaterThan(3);
        for (String line : lines) {
            JsonNode entry = JSON.readTree(line);
            assertThat(entry.isObject()).as(line).isTrue();
            assertThat(entry.path("message").isTextual()).as(line).isTrue();
            assertThat(entry.path("level").asText()).as(line).isIn("TRACE", "DEBUG", "INFO", "WARN", "WARNING", "ERROR", "FATAL");
            assertThat(entry.path("timestamp").asText()).as(line).isNotEmpty();
        }
        assertThat(lines).anySatisfy(line -> assertThat(JSON.readTree(line).path("message").asText()).contains("started in"));
        assertThat(String.join("\n", lines)).doesNotContainIgnoringCase("failed to export");
    }
}
