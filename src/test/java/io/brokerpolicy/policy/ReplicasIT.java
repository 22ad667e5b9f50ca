package io.brokerpolicy.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.brokerpolicy.app.EmbeddedDatabase;
import io.brokerpolicy.intake.Json;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two instances of the packaged service (target/quarkus-app/quarkus-run.jar, built by {@code ./mvnw verify}
 * before this runs) on one PostgreSQL: what is activated or rolled back on one is served by the other
 * within seconds, through LISTEN/NOTIFY.
 */
class ReplicasIT {

    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
    private static final String AUTH = "Basic " + Base64.getEncoder()
            .encodeToString("test-risk-editor:test-password".getBytes(StandardCharsets.UTF_8));
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private static EmbeddedDatabase database;
    private static final List<Process> processes = new ArrayList<>();
    private static String a;
    private static String b;

    @BeforeAll
    static void startTwoInstances() throws Exception {
        assertThat(JAR).as("the packaged service; run ./mvnw verify").exists();
        Path work = Path.of("target", "replicas-it-" + ProcessHandle.current().pid()).toAbsolutePath();
        database = EmbeddedDatabase.start(work.resolve("postgres"), false);
        a = start("a", work);
        awaitReady(a);
        b = start("b", work); // after a: the first start stores version 1, the second finds it stored
        awaitReady(b);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        for (Process p : processes) {
            p.destroy();
        }
        for (Process p : processes) {
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void activationOnOneInstance_isServedByTheOther_andSoIsARollback() throws Exception {
        long before = active(a);
        assertThat(active(b)).isEqualTo(before);

        String acme = Files.readString(Path.of("policies/acme-fx.yaml"))
                .replace("    stopOutLevel: 50\n", "    stopOutLevel: 60\n");
        JsonNode draft = post(a, "/api/v1/policy/drafts", Json.MAPPER.writeValueAsString(
                Map.of("files", Map.of("policies/acme-fx.yaml", acme))));
        long drafted = draft.get("version").asLong();
        post(a, "/api/v1/policy/versions/" + drafted + "/activate", "");
        await("instance b to serve version " + drafted, () -> active(b) == drafted);

        post(b, "/api/v1/policy/rollback", "");
        await("instance a to serve version " + before + " again", () -> active(a) == before);
    }

    private static String start(String name, Path work) throws IOException {
        Path dir = work.resolve(name);
        copy(Path.of("rules"), dir.resolve("rules"));
        copy(Path.of("policies"), dir.resolve("policies"));
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-Dquarkus.http.port=" + port,
                "-Dquarkus.datasource.jdbc.url=" + database.jdbcUrl(),
                "-Dquarkus.datasource.username=" + database.serviceRole().user(),
                "-Dquarkus.datasource.password=" + database.serviceRole().password(),
                "-Dquarkus.flyway.username=" + database.owner().user(),
                "-Dquarkus.flyway.password=" + database.owner().password(),
                "-Dbrokerpolicy.rules-dir=" + dir.resolve("rules"),
                "-Dbrokerpolicy.policies-dir=" + dir.resolve("policies"),
                "-Dbrokerpolicy.data-dir=" + dir.resolve("data"),
                "-Dbrokerpolicy.security.users-file=" + Path.of("src/test/resources/test-users.properties").toAbsolutePath(),
                "-Dbrokerpolicy.cluster.resync-interval-millis=60000", // the notification, not the safety net, must do it
                "-jar", JAR.toAbsolutePath().toString());
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(work.resolve(name + ".log").toFile()).start();
        processes.add(process);
        return "http://localhost:" + port;
    }

    private static void awaitReady(String base) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
            sleep(250);
        }
        fail(base + " did not become ready; see target/replicas-it-*/*.log");
    }

    private static long active(String base) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/policy/active"))
                    .header("Authorization", AUTH).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            return Json.MAPPER.readTree(r.body()).get("version").asLong();
        } catch (IOException | InterruptedException e) {
            throw new AssertionError("cannot read the active version of " + base, e);
        }
    }

    private static JsonNode post(String base, String path, String body) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", AUTH)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path + ": " + r.body()).isBetween(200, 201);
        return Json.MAPPER.readTree(r.body());
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            sleep(50);
        }
        fail("timed out waiting for " + what);
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

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
