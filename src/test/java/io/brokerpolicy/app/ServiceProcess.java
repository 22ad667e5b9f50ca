package io.brokerpolicy.app;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The packaged service (target/quarkus-app/quarkus-run.jar, built by {@code ./mvnw verify} before the ITs
 * run) as a child JVM of the test, on a fixed port, so that a test can kill it (-9 or TERM) and start it
 * again as an operator would.
 */
final class ServiceProcess {

    static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Path work;
    private final int port;
    private final Map<String, String> settings;
    private Map<String, String> environment = Map.of();
    private Process process;
    private int starts;

    ServiceProcess(Path work, Map<String, String> settings) throws IOException {
        this.work = work;
        this.settings = settings;
        try (ServerSocket socket = new ServerSocket(0)) {
            this.port = socket.getLocalPort();
        }
        copy(Path.of("rules"), work.resolve("rules"));
        copy(Path.of("policies"), work.resolve("policies"));
    }

    /** Environment variables for the next start (as an operator's container would set them). */
    ServiceProcess environment(Map<String, String> variables) {
        this.environment = Map.copyOf(variables);
        return this;
    }

    String base() {
        return "http://127.0.0.1:" + port;
    }

    Path dataDir() {
        return work.resolve("data");
    }

    Path log() {
        return work.resolve("service-" + starts + ".log");
    }

    /** Starts the service and waits until it is ready; answers how long that took. */
    Duration start() throws IOException, InterruptedException {
        starts++;
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m",
                "-Dquarkus.http.port=" + port,
                "-Dquarkus.http.host=127.0.0.1",
                "-Dbrokerpolicy.rules-dir=" + work.resolve("rules"),
                "-Dbrokerpolicy.policies-dir=" + work.resolve("policies"),
                "-Dbrokerpolicy.data-dir=" + dataDir(),
                "-Dbrokerpolicy.security.users-file=" + Path.of("src/test/resources/test-users.properties").toAbsolutePath(),
                "-Dbrokerpolicy.watch.enabled=false"));
        settings.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", JAR.toAbsolutePath().toString()));
        long started = System.nanoTime();
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log().toFile());
        builder.environment().putAll(environment);
        process = builder.start();
        long deadline = started + TimeUnit.SECONDS.toNanos(240);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("the service exited with " + process.exitValue() + "; see " + log());
            }
            try {
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base() + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return Duration.ofNanos(System.nanoTime() - started);
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the service did not become ready within 240 s; see " + log());
    }

    /** kill -9: the JVM gets no chance to stop anything. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM, as an orchestrator stops it; answers the exit code. */
    int terminate() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the service did not stop within 120 s of SIGTERM; see " + log());
        }
        return process.exitValue();
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    String logText() throws IOException {
        return Files.readString(log());
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
