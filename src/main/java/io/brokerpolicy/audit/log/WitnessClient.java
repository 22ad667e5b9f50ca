package io.brokerpolicy.audit.log;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Hands each checkpoint to a witness outside the operator's control: an endpoint of a second organisation,
 * or a gateway writing to a WORM bucket. A checkpoint a witness holds can no longer be taken back by anyone
 * who controls the database, the service and its folder. POSTs the checkpoint's JSON (as the checkpoint
 * line of {@link CheckpointFolder}); any 2xx answer counts as received.
 */
public final class WitnessClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final URI url;
    private final String authorization;
    private final HttpClient http;

    public WitnessClient(URI url, String authorization, Duration timeout) {
        this.url = url;
        this.authorization = authorization;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** Sends the checkpoint; returns null when received, else why not (the caller retries with a later one). */
    public String send(CheckpointEntry entry) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(url)
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(CheckpointFolder.toJson(entry))));
            if (authorization != null && !authorization.isBlank()) {
                request.header("Authorization", authorization);
            }
            HttpResponse<Void> response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() / 100 == 2 ? null : "the witness answered HTTP " + response.statusCode();
        } catch (IOException e) {
            return "the witness could not be reached: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while sending to the witness";
        }
    }

    public URI url() {
        return url;
    }
}
