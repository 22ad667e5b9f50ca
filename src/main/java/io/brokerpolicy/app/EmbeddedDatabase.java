package io.brokerpolicy.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * The zero-setup default: a real PostgreSQL server (zonky's binaries) that keeps its data in a folder,
 * started when no external database is configured. Used by the service's main (data kept in
 * {@code data-dir/postgres} between runs) and by the tests (a throwaway folder).
 *
 * <p>Set up so that nothing acknowledged is lost and nobody else reaches it:
 * <ul>
 *   <li>durable: {@code fsync}, {@code synchronous_commit} and {@code full_page_writes} on, given on the
 *       command line so that no {@code ALTER SYSTEM} can turn them off;</li>
 *   <li>reachable on 127.0.0.1 only, and through a socket in a folder of mode 0700 beside the data;
 *       every connection needs a password ({@code scram-sha-256}); the passwords are generated at the
 *       first start and kept in {@code <data>.credentials} (mode 0600);</li>
 *   <li>three roles: the superuser {@code postgres} (for an operator only), the owner
 *       {@code brokerpolicy} that owns the database and runs the migrations, and the service's role
 *       {@code brokerpolicy_app}, which is not a superuser and owns nothing;</li>
 *   <li>one server per data folder: a lock file held while the JVM runs; a postmaster left over from a
 *       JVM that died without stopping it is stopped before a new one starts.</li>
 * </ul>
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class);

    public static final String SUPERUSER = "postgres";
    public static final String OWNER = "brokerpolicy";
    public static final String SERVICE_ROLE = "brokerpolicy_app";
    static final String DATABASE = "brokerpolicy";
    /** A unix socket path is limited to 107 bytes; beyond that the server gets no socket, only TCP on 127.0.0.1. */
    private static final int MAX_SOCKET_PATH = 100;
    private static final int START_TIMEOUT_SECONDS = 120;

    /** A user name and its password; {@link #toString()} never shows the password. */
    public record Credentials(String user, String password) {
        @Override
        public String toString() {
            return user + ":****";
        }
    }

    private final Path dataDirectory;
    private final Path binaries;
    private final boolean keepData;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final DatabaseCredentials credentials;
    private final String serverOptions;
    private final int port;
    private final String database;
    private volatile boolean closed;
    private final java.util.concurrent.atomic.AtomicBoolean closing = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile long postmasterPid;

    private EmbeddedDatabase(Path dataDirectory, Path binaries, boolean keepData, FileChannel lockChannel, FileLock lock,
                             DatabaseCredentials credentials, String serverOptions, int port, String database) {
        this.dataDirectory = dataDirectory;
        this.binaries = binaries;
        this.keepData = keepData;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.credentials = credentials;
        this.serverOptions = serverOptions;
        this.port = port;
        this.database = database;
        this.postmasterPid = LeftoverPostmaster.pidOf(dataDirectory);
    }

    /**
     * Starts PostgreSQL on a free loopback port with its data in {@code dataDirectory}, kept if it exists
     * (else a throwaway folder, removed by {@link #close()}). The server is stopped when the JVM exits.
     */
    public static EmbeddedDatabase start(Path dataDirectory, boolean keepData) {
        EmbeddedDatabase database = startWithoutShutdownHook(dataDirectory, keepData);
        database.stopWithJvm(() -> { }, () -> { });
        return database;
    }

    /**
     * As {@link #start}, but the caller registers the shutdown hook with {@link #stopWithJvm}, so that it can
     * first wait for whatever still uses the database.
     */
    public static EmbeddedDatabase startWithoutShutdownHook(Path dataDirectory, boolean keepData) {
        Path data = dataDirectory.toAbsolutePath().normalize();
        FileChannel lockChannel = null;
        FileLock lock = null;
        try {
            Files.createDirectories(data.getParent());
            lockChannel = FileChannel.open(sibling(data, ".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            try {
                lock = lockChannel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                throw new DatabaseStartException("the data folder " + data + " is in use by another running brokerpolicy;"
                        + " stop that one, or give this one another brokerpolicy.data-dir");
            }
            if (!keepData) {
                deleteTree(data);
                Files.deleteIfExists(sibling(data, ".credentials"));
            }
            Path binaries = PostgresBinaries.unpacked();
            new LeftoverPostmaster(binaries, data).stopIfRunning();
            DatabaseCredentials credentials = DatabaseCredentials.loadOrCreate(sibling(data, ".credentials"));
            boolean fresh = !Files.exists(data.resolve("PG_VERSION"));
            if (fresh) {
                initdb(binaries, data, credentials);
            } else if (credentials.createdNow()) {
                // A data folder from before passwords were required: give its superuser the new password.
                setSuperuserPassword(binaries, data, credentials);
            }
            writeAccessRules(data);
            Path socketFolder = socketFolder(data);
            for (int attempt = 1; ; attempt++) {
                int port = freePort();
                String options = serverOptions(port, socketFolder);
                try {
                    pgCtl(binaries, List.of("-D", data.toString(), "-o", options, "-l", sibling(data, ".log").toString(),
                            "-w", "-t", Integer.toString(START_TIMEOUT_SECONDS), "start"), START_TIMEOUT_SECONDS + 30);
                } catch (DatabaseStartException e) {
                    if (attempt < 3 && lastLogLines(data).contains("could not bind")) {
                        continue; // the free port was taken between the look and the start
                    }
                    throw new DatabaseStartException("PostgreSQL did not start: " + lastFatal(data) + " (log: "
                            + sibling(data, ".log") + ")");
                }
                String databaseName = DatabaseRoles.provision(port, credentials);
                EmbeddedDatabase database = new EmbeddedDatabase(data, binaries, keepData, lockChannel, lock, credentials,
                        options, port, databaseName);
                LOG.debugf("embedded PostgreSQL on 127.0.0.1:%d, data in %s", port, data);
                return database;
            }
        } catch (IOException e) {
            release(lockChannel);
            throw new DatabaseStartException("could not start the embedded PostgreSQL in " + data + ": " + e.getMessage());
        } catch (RuntimeException e) {
            release(lockChannel);
            throw e;
        }
    }

    /**
     * Starts the server again, on the same port and data, whenever it dies while this JVM still needs it
     * (a crash, the OOM killer, a {@code kill -9}): PostgreSQL recovers from its WAL, so everything committed
     * before is there, and the service, which answered 503 meanwhile, serves again by itself.
     */
    public void restartWhenItDies() {
        Thread watchdog = new Thread(() -> {
            while (!closed) {
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                }
                long pid = postmasterPid;
                if (closed || LeftoverPostmaster.running(pid)) {
                    continue;
                }
                restartAfterDeath(pid);
            }
        }, "embedded-postgres-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    private synchronized void restartAfterDeath(long deadPid) {
        LOG.warnf("the embedded PostgreSQL (pid %d) died; starting it again on port %d", deadPid, port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_TIMEOUT_SECONDS);
        while (!closed && System.nanoTime() < deadline) {
            try {
                // Its backends may hold the shared memory for a moment after the postmaster's death: retried.
                pgCtl(binaries, List.of("-D", dataDirectory.toString(), "-o", serverOptions, "-l",
                        sibling(dataDirectory, ".log").toString(), "-w", "-t", Integer.toString(START_TIMEOUT_SECONDS),
                        "start"), START_TIMEOUT_SECONDS + 30);
                postmasterPid = LeftoverPostmaster.pidOf(dataDirectory);
                LOG.warnf("the embedded PostgreSQL runs again (pid %d)", postmasterPid);
                return;
            } catch (DatabaseStartException e) {
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        if (!closed) {
            LOG.errorf("the embedded PostgreSQL did not start again: %s (log: %s)", lastFatal(dataDirectory),
                    sibling(dataDirectory, ".log"));
        }
    }

    /** Stops the server when the JVM exits (any exit it sees): after {@code before} has run, and before {@code after}. */
    public void stopWithJvm(Runnable before, Runnable after) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                before.run();
            } finally {
                close();
                after.run();
            }
        }, "embedded-postgres-stop"));
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public int port() {
        return port;
    }

    public String databaseName() {
        return database;
    }

    /** The role the service connects as: may only read and add audit rows. */
    public Credentials serviceRole() {
        return credentials.service();
    }

    /** The owner of the database and its tables; the migrations run as this role. */
    public Credentials owner() {
        return credentials.owner();
    }

    public Credentials superuser() {
        return credentials.superuser();
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    public Path credentialsFile() {
        return sibling(dataDirectory, ".credentials");
    }

    /** The folder of the server's unix socket (mode 0700), or null when the path would be too long for one. */
    public Path socketDirectory() {
        return socketFolder(dataDirectory);
    }

    /** The folder of the PostgreSQL binaries (it has {@code bin/pg_ctl}), for tests that stop and start the server. */
    public Path binaries() {
        return binaries;
    }

    /** The options the server runs with ({@code pg_ctl -o}), for tests that start it again in place. */
    public String serverOptions() {
        return serverOptions;
    }

    /** The process id of the running postmaster, from its postmaster.pid. */
    public long postmasterPid() {
        return LeftoverPostmaster.pidOf(dataDirectory);
    }

    @Override
    public void close() {
        if (closing.getAndSet(true)) {
            return;
        }
        closed = true; // the watchdog stops restarting; a restart under way finishes before the stop below
        synchronized (this) {
            stopAndRelease();
        }
    }

    private void stopAndRelease() {
        try {
            if (Files.exists(dataDirectory.resolve("postmaster.pid"))) {
                pgCtl(binaries, List.of("-D", dataDirectory.toString(), "-m", "fast", "-w", "-t", "60", "stop"), 90);
            }
        } catch (RuntimeException e) {
            LOG.warnf("the embedded PostgreSQL in %s did not stop: %s", dataDirectory, e.getMessage());
        }
        if (!keepData) {
            try {
                deleteTree(dataDirectory);
                Files.deleteIfExists(credentialsFile());
                deleteTree(sibling(dataDirectory, ".socket"));
                Files.deleteIfExists(sibling(dataDirectory, ".log"));
            } catch (IOException e) {
                LOG.debugf("could not remove %s: %s", dataDirectory, e.getMessage());
            }
        }
        try {
            lock.release();
        } catch (IOException e) {
            LOG.debugf("lock release: %s", e.getMessage());
        }
        release(lockChannel);
    }

    // --- the server's set-up -------------------------------------------------------------------

    static String serverOptions(int port, Path socketFolder) {
        List<String> settings = new ArrayList<>(List.of(
                "listen_addresses=127.0.0.1",
                "port=" + port,
                "fsync=on",
                "synchronous_commit=on",
                "full_page_writes=on",
                "password_encryption=scram-sha-256",
                "max_connections=100",
                "timezone=UTC",
                "unix_socket_permissions=0700",
                "unix_socket_directories=" + (socketFolder == null ? "" : socketFolder.toString())));
        StringBuilder options = new StringBuilder();
        for (String setting : settings) {
            // pg_ctl hands -o to a shell: each value is single-quoted, and a quote in a path is refused.
            if (setting.contains("'")) {
                throw new DatabaseStartException("the data folder's path must not contain a quote: " + setting);
            }
            options.append(options.isEmpty() ? "" : " ").append("-c '").append(setting).append('\'');
        }
        return options.toString();
    }

    private static void initdb(Path binaries, Path data, DatabaseCredentials credentials) throws IOException {
        Path passwordFile = Files.createTempFile(data.getParent(), "initdb-", ".pw",
                java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                        java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(passwordFile, credentials.superuser().password() + "\n");
            run(binaries, "initdb", List.of("-D", data.toString(), "-U", SUPERUSER, "--pwfile=" + passwordFile,
                    "--auth=scram-sha-256", "-E", "UTF-8", "--locale=C", "--data-checksums"), 120);
        } finally {
            Files.deleteIfExists(passwordFile);
        }
    }

    private static void setSuperuserPassword(Path binaries, Path data, DatabaseCredentials credentials) {
        LOG.infof("the embedded PostgreSQL in %s had no passwords: setting them (kept in %s)", data,
                sibling(data, ".credentials"));
        String sql = "ALTER ROLE " + SUPERUSER + " PASSWORD '" + credentials.superuser().password() + "';\n";
        runWithInput(binaries, "postgres", List.of("--single", "-D", data.toString(), "-c", "listen_addresses=",
                "-c", "password_encryption=scram-sha-256", "postgres"), sql, 120);
    }

    /** Password for every connection, on the socket and on 127.0.0.1, whatever the file said before. */
    private static void writeAccessRules(Path data) throws IOException {
        Files.writeString(data.resolve("pg_hba.conf"), """
                # Written by brokerpolicy at every start: a password (scram-sha-256) for every connection.
                # TYPE  DATABASE  USER  ADDRESS        METHOD
                local   all       all                  scram-sha-256
                host    all       all   127.0.0.1/32   scram-sha-256
                """, StandardCharsets.UTF_8);
    }

    private static Path socketFolder(Path data) {
        Path folder = sibling(data, ".socket");
        if (folder.toString().length() + "/.s.PGSQL.65535".length() > MAX_SOCKET_PATH) {
            return null;
        }
        try {
            Files.createDirectories(folder);
            Files.setPosixFilePermissions(folder, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        } catch (IOException e) {
            throw new UncheckedIOException("could not prepare the socket folder " + folder, e);
        }
        return folder;
    }

    static Path sibling(Path data, String suffix) {
        return data.resolveSibling(data.getFileName() + suffix);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }

    // --- running the binaries ------------------------------------------------------------------

    static void pgCtl(Path binaries, List<String> arguments, long timeoutSeconds) {
        run(binaries, "pg_ctl", arguments, timeoutSeconds);
    }

    static String run(Path binaries, String program, List<String> arguments, long timeoutSeconds) {
        return runWithInput(binaries, program, arguments, null, timeoutSeconds);
    }

    private static String runWithInput(Path binaries, String program, List<String> arguments, String input,
                                       long timeoutSeconds) {
        List<String> command = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            // PostgreSQL refuses to run as root: run it in a user namespace where it is not.
            command.addAll(List.of("unshare", "-U"));
        }
        command.add(binaries.resolve("bin").resolve(program).toString());
        command.addAll(arguments);
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().keySet().removeIf(k -> k.startsWith("PG"));
            Process process = builder.start();
            if (input != null) {
                process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
            }
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new DatabaseStartException(program + " did not finish within " + timeoutSeconds + " s");
            }
            if (process.exitValue() != 0) {
                throw new DatabaseStartException(program + " failed: " + lastLine(output));
            }
            return output;
        } catch (IOException e) {
            throw new DatabaseStartException("could not run " + command.get(0) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DatabaseStartException("interrupted while running " + program);
        }
    }

    private static String lastLine(String output) {
        String[] lines = output.strip().split("\n");
        return lines.length == 0 ? "" : lines[lines.length - 1].strip();
    }

    private static String lastLogLines(Path data) {
        try {
            List<String> lines = Files.readAllLines(sibling(data, ".log"), StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "";
        }
    }

    private static String lastFatal(Path data) {
        String fatal = null;
        for (String line : lastLogLines(data).split("\n")) {
            if (line.contains("FATAL") || line.contains("PANIC") || line.contains("ERROR")) {
                fatal = line.strip();
            }
        }
        return fatal == null ? "see its log" : fatal;
    }

    private static void deleteTree(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static void release(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing to do: the lock goes with the process anyway
            }
        }
    }

    /** A connection as the given role over TCP to 127.0.0.1, for provisioning and tests. */
    static Connection connect(int port, String database, Credentials as) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", as.user());
        properties.setProperty("password", as.password());
        properties.setProperty("connectTimeout", "10");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database, properties);
    }

    static void execute(Connection connection, String... statements) throws SQLException {
        try (Statement s = connection.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }
}
