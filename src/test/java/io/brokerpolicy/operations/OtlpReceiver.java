package io.brokerpolicy.operations;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in OpenTelemetry collector: an HTTP server on a free loopback port that takes OTLP/HTTP exports
 * (POST, protobuf) and tells what it got on {@code GET /received}: one line a request, its path and its body as
 * ISO-8859-1 text, where span names and attribute values appear as they are (protobuf writes strings as they are).
 */
public class OtlpReceiver implements QuarkusTestResourceLifecycleManager {

    private HttpServer server;
    private final CopyOnWriteArrayList<String> received = new CopyOnWriteArrayList<>();

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            byte[] answer = new byte[0];
            if ("POST".equals(exchange.getRequestMethod())) {
                received.add(exchange.getRequestURI().getPath() + " "
                        + new String(body, StandardCharsets.ISO_8859_1).replace('\n', ' ').replace('\r', ' '));
                exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
            } else {
                answer = String.join("\n", received).getBytes(StandardCharsets.ISO_8859_1);
            }
            exchange.sendResponseHeaders(200, answer.length == 0 ? -1 : answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        server.start();
        String endpoint = "http://127.0.0.1:" + server.getAddress().getPort();
        return Map.of(
                "quarkus.otel.sdk.disabled", "false",
                "quarkus.otel.exporter.otlp.traces.protocol", "http/protobuf",
                "quarkus.otel.exporter.otlp.traces.endpoint", endpoint,
                "quarkus.otel.bsp.schedule.delay", "100ms",
                "otlp-receiver.url", endpoint);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
