package io.brokerpolicy.app;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The zero-setup default: a real PostgreSQL server (zonky's embedded binaries) that keeps its data in a
 * folder, started when no external database is configured. Used by the service's main (data kept in
 * {@code data-dir/postgres} between runs) and by the tests (a throwaway folder).
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;

    private EmbeddedDatabase(EmbeddedPostgres postgres, Path dataDirectory) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
    }

    /** Starts PostgreSQL on a free loopback port with its data in {@code dataDirectory}, kept if it exists. */
    public static EmbeddedDatabase start(Path dataDirectory, boolean keepData) {
        try {
            Files.createDirectories(dataDirectory);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(!keepData)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "100")
                    .setServerConfig("fsync", keepData ? "on" : "off")
                    .start();
            return new EmbeddedDatabase(postgres, dataDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL in " + dataDirectory, e);
        }
    }

    public String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    public int port() {
        return postgres.getPort();
    }

    public String username() {
        return "postgres";
    }

    public String password() {
        return "postgres";
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /**
     * The folder of the PostgreSQL binaries zonky extracted (it has {@code bin/pg_ctl}). zonky can start a
     * server once and not again, so stopping and starting the same server on the same port and data (the
     * fault tests) goes through pg_ctl from here.
     */
    public Path binaries() {
        try {
            java.lang.reflect.Field pgDir = EmbeddedPostgres.class.getDeclaredField("pgDir");
            pgDir.setAccessible(true);
            return ((java.io.File) pgDir.get(postgres)).toPath();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("this zonky version keeps its binaries elsewhere", e);
        }
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
