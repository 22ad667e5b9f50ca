package io.brokerpolicy.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.brokerpolicy.testsupport.Api;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Faults under a load of 4 clients, against the packaged service: {@code kill -9} of PostgreSQL,
 * {@code kill -STOP} of PostgreSQL for 10 s, {@code kill -9} of the service and its restart, and SIGTERM
 * under load. After each: every snapshot answered 201/200 is stored exactly once, nothing else is stored,
 * the audit chain verifies.
 *
 * <p>Twice: on the embedded server that the service starts itself, and on the machine's PostgreSQL at
 * 127.0.0.1:5432 (a database and two roles made for the run, dropped after it). That server is shared with
 * other work on the machine, so it is never killed: its {@code kill -STOP} stops only the server processes
 * of this run's database, and {@code kill -9} of PostgreSQL runs on the embedded server only.
 */
class DatabaseFaultsIT {

    private static final int CLIENTS = 4;
    private static final int STEP = 100;
    private static final Duration PHASE_LIMIT = Duration.ofSeconds(240);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Path work = Path.of("target", "faults-it-" + UUID.randomUUID().toString().substring(0, 8)).toAbsolutePath();
    private final List<String> figures = new ArrayList<>();

    @Test
    void embeddedServer_killedStoppedAndRestarted_losesAndDuplicatesNothing() throws Exception {
        assertThat(ServiceProcess.JAR).as("the packaged service; run ./mvnw verify").exists();
        ServiceProcess service = new ServiceProcess(work.resolve("embedded"), Map.of());
        Duration firstStart = service.start();
        EvaluationLoad load = new EvaluationLoad("faults-emb-" + UUID.randomUUID().toString().substring(0, 6) + "-");
        load.start(service.base(), CLIENTS);
        try {
            load.awaitAcknowledged(STEP, PHASE_LIMIT, "the load");

            Phase kill = new Phase("kill -9 of PostgreSQL", load);
            long postmaster = postmasterPid(service);
            signal("KILL", List.of(postmaster));
            EvaluationLoad.await(() -> postmasterPid(service) != postmaster && alive(postmasterPid(service)), PHASE_LIMIT,
                    "the service to start its PostgreSQL again");
            load.awaitAcknowledged(STEP, PHASE_LIMIT, "acknowledgements after PostgreSQL came back");
            kill.end();

            Phase stop = new Phase("kill -STOP of PostgreSQL for 10 s", load);
            List<Long> server = serverProcesses(postmasterPid(service));
            signal("STOP", server);
            try {
                Thread.sleep(10_000);
            } finally {
                signal("CONT", server);
            }
            load.awaitAcknowledged(STEP, PHASE_LIMIT, "acknowledgements after PostgreSQL went on");
            stop.end();

            Phase crash = new Phase("kill -9 of the service, restart", load);
            long beforeCrash = postmasterPid(service);
            service.kill();
            assertThat(alive(beforeCrash)).as("PostgreSQL outlives the killed JVM").isTrue();
            Duration crashRestart = service.start();
            EvaluationLoad.await(() -> !alive(beforeCrash), Duration.ofSeconds(10), "the PostgreSQL left behind to be stopped");
            load.awaitAcknowledged(STEP, PHASE_LIMIT, "acknowledgements after the restart");
            crash.end();

            Phase term = new Phase("SIGTERM under load, restart", load);
            long beforeTerm = postmasterPid(service);
            assertThat(service.terminate()).as("exit code after SIGTERM").isIn(0, 143);
            // pg_ctl returns when the server has removed its pid file; the process itself ends a moment later.
            EvaluationLoad.await(() -> !alive(beforeTerm), Duration.ofSeconds(10), "PostgreSQL to stop with the service");
            String stopped = service.logText();
            assertThat(stopped).doesNotContain("ArC container not initialized").doesNotContain("unexpected failure");
            Duration normalStart = service.start();
            load.awaitAcknowledged(STEP / 2, PHASE_LIMIT, "acknowledgements after the restart");
            term.end();

            figures.add(String.format("starts: first %d ms (initdb), after SIGTERM %d ms, after kill -9 %d ms",
                    firstStart.toMillis(), normalStart.toMillis(), crashRestart.toMillis()));
            // The restart after a kill -9 stops the PostgreSQL left behind (a second or so) and starts as usual.
            assertThat(crashRestart).as("restart after kill -9 within the normal start time")
                    .isLessThan(normalStart.multipliedBy(2).plusSeconds(20));
        } finally {
            load.stop();
        }
        checkNothingLostOrDuplicated(load, service, () -> embeddedConnection(service));
        service.terminate();
        print("embedded");
    }

    @Test
    void machinesPostgres_backendsStopped_serviceKilledAndRestarted_losesAndDuplicatesNothing() throws Exception {
        assertThat(ServiceProcess.JAR).as("the packaged service; run ./mvnw verify").exists();
        assumeTrue(localServerReachable(), "no PostgreSQL with trust authentication at 127.0.0.1:5432");
        String run = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String database = "bp_faults_" + run;
        String owner = "bp_owner_" + run;
        String serviceRole = "bp_app_" + run;
        String password = UUID.randomUUID().toString();
        try (Connection admin = localConnection("test"); Statement s = admin.createStatement()) {
            s.execute("create role " + owner + " login password '" + password + "'");
            s.execute("create role " + serviceRole + " login password '" + password + "'");
            s.execute("create database " + database + " owner " + owner);
        }
        try {
            try (Connection db = localConnection(database); Statement s = db.createStatement()) {
                s.execute("revoke all on database " + database + " from public");
                s.execute("grant connect, temporary on database " + database + " to " + serviceRole);
                s.execute("alter schema public owner to " + owner);
                s.execute("revoke all on schema public from public");
                s.execute("grant usage on schema public to " + serviceRole);
            }
            Map<String, String> settings = new HashMap<>();
            settings.put("quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:5432/" + database);
            settings.put("quarkus.datasource.username", serviceRole);
            settings.put("quarkus.datasource.password", password);
            settings.put("quarkus.flyway.username", owner);
            settings.put("quarkus.flyway.password", password);
            settings.put("quarkus.flyway.placeholders.approle", serviceRole);
            ServiceProcess service = new ServiceProcess(work.resolve("local"), settings);
            service.start();
            EvaluationLoad load = new EvaluationLoad("faults-loc-" + run + "-");
            load.start(service.base(), CLIENTS);
            try {
                load.awaitAcknowledged(STEP, PHASE_LIMIT, "the load");

                Phase stop = new Phase("kill -STOP of this database's server processes for 10 s", load);
                List<Long> backends = backendsOf(database);
                assertThat(backends).as("server processes of the service's connections").isNotEmpty();
                signal("STOP", backends);
                try {
                    Thread.sleep(10_000);
                } finally {
                    signal("CONT", backends);
                }
                load.awaitAcknowledged(STEP, PHASE_LIMIT, "acknowledgements after the server processes went on");
                stop.end();

                Phase crash = new Phase("kill -9 of the service, restart", load);
                service.kill();
                service.start();
                load.awaitAcknowledged(STEP, PHASE_LIMIT, "acknowledgements after the restart");
                crash.end();
            } finally {
                load.stop();
            }
            checkNothingLostOrDuplicated(load, service, () -> localConnection(database));
            service.terminate();
            print("127.0.0.1:5432");
        } finally {
            try (Connection admin = localConnection("test"); Statement s = admin.createStatement()) {
                s.execute("drop database if exists " + database + " with (force)");
                s.execute("drop role if exists " + owner);
                s.execute("drop role if exists " + serviceRole);
            }
        }
    }

    // --- checks ------------------------------------------------------------------------------------

    private interface ConnectionSource {
        Connection open() throws SQLException, IOException;
    }

    private void checkNothingLostOrDuplicated(EvaluationLoad load, ServiceProcess service, ConnectionSource db)
            throws Exception {
        assertThat(load.unexpected).as("answers other than 201, 200, 503 with Retry-After and a JSON body").isEmpty();
        Map<String, Integer> stored = storedRows(db, load.prefix());
        List<String> lost = new ArrayList<>();
        for (String id : load.acknowledged) {
            if (stored.getOrDefault(id, 0) != 1) {
                lost.add(id + " stored " + stored.getOrDefault(id, 0) + " times");
            }
        }
        assertThat(lost).as("acknowledged snapshots not stored exactly once").isEmpty();
        assertThat(load.sent()).as("nothing stored that was not sent").containsAll(stored.keySet());
        assertThat(stored.values()).as("no snapshot stored twice").allMatch(n -> n == 1);
        Set<String> open = new HashSet<>(load.refused);
        open.addAll(load.unanswered);
        long storedThoughNotAcknowledged = open.stream().filter(stored::containsKey).count();
        int acknowledged = load.acknowledged.size();
        int unanswered = load.unanswered.size();
        load.resendUnacknowledged(service.base());
        assertThat(load.unexpected).as("retries").isEmpty();
        Map<String, Integer> after = storedRows(db, load.prefix());
        assertThat(after.keySet()).as("every snapshot sent is stored after the client's retries").isEqualTo(load.sent());
        assertThat(after.values()).allMatch(n -> n == 1);
        HttpResponse<String> verify = HTTP.send(HttpRequest.newBuilder(URI.create(service.base() + "/api/v1/audit/verify"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (Api.COMPLIANCE + ":" + Api.PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .timeout(Duration.ofSeconds(120)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(verify.statusCode()).isEqualTo(200);
        assertThat(verify.body()).contains("\"ok\":true");
        figures.add(String.format("in all: %d sent, %d acknowledged, %d answered 503, %d not answered (service killed),"
                        + " %d of those stored before the answer was lost (answered 200 on retry), lost 0, duplicated 0, chain ok",
                load.sent().size(), acknowledged, load.refusals.get(), unanswered, storedThoughNotAcknowledged));
    }

    private static Map<String, Integer> storedRows(ConnectionSource db, String prefix) throws Exception {
        Map<String, Integer> rows = new HashMap<>();
        try (Connection c = db.open(); PreparedStatement q = c.prepareStatement(
                "select snapshot_id, count(*) from verdict where snapshot_id like ? group by snapshot_id")) {
            q.setString(1, prefix + "%");
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    rows.put(r.getString(1), r.getInt(2));
                }
            }
        }
        return rows;
    }

    /** What one fault cost: acknowledgements and refusals between its start and end. */
    private final class Phase {
        private final String name;
        private final EvaluationLoad load;
        private final int acknowledgedBefore;
        private final int refusedBefore;
        private final int unansweredBefore;

        Phase(String name, EvaluationLoad load) {
            this.name = name;
            this.load = load;
            this.acknowledgedBefore = load.acknowledged.size();
            this.refusedBefore = load.refusals.get();
            this.unansweredBefore = load.unanswered.size();
        }

        void end() {
            figures.add(String.format("%s: %d acknowledged, %d refused with 503, %d not answered", name,
                    load.acknowledged.size() - acknowledgedBefore, load.refusals.get() - refusedBefore,
                    load.unanswered.size() - unansweredBefore));
        }
    }

    private void print(String target) {
        for (String line : figures) {
            System.out.println("faults on " + target + ": " + line);
        }
    }

    // --- processes ---------------------------------------------------------------------------------

    private static long postmasterPid(ServiceProcess service) {
        try {
            List<String> lines = Files.readAllLines(service.dataDir().resolve("postgres").resolve("postmaster.pid"));
            return Long.parseLong(lines.get(0).strip());
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static boolean alive(long pid) {
        return LeftoverPostmaster.running(pid);
    }

    private static List<Long> serverProcesses(long postmaster) {
        List<Long> pids = new ArrayList<>();
        pids.add(postmaster);
        ProcessHandle.of(postmaster).ifPresent(p -> p.descendants().forEach(d -> pids.add(d.pid())));
        return pids;
    }

    private static void signal(String signal, List<Long> pids) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("kill", "-" + signal));
        pids.forEach(pid -> command.add(Long.toString(pid)));
        Process kill = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(kill.exitValue()).as("kill -" + signal + " " + pids + ": " + output).isZero();
    }

    // --- databases ---------------------------------------------------------------------------------

    private static Connection embeddedConnection(ServiceProcess service) throws IOException, SQLException {
        Path data = service.dataDir().resolve("postgres");
        Properties credentials = new Properties();
        try (Reader reader = Files.newBufferedReader(data.resolveSibling("postgres.credentials"))) {
            credentials.load(reader);
        }
        String port = Files.readAllLines(data.resolve("postmaster.pid")).get(3).strip();
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/brokerpolicy",
                credentials.getProperty("owner"), credentials.getProperty("owner.password"));
    }

    private static boolean localServerReachable() {
        try (Connection c = localConnection("test")) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    private static Connection localConnection(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + database + "?connectTimeout=5", "postgres", "");
    }

    private static List<Long> backendsOf(String database) throws SQLException {
        List<Long> pids = new ArrayList<>();
        try (Connection c = localConnection("test"); PreparedStatement q = c.prepareStatement(
                "select pid from pg_stat_activity where datname = ? and pid <> pg_backend_pid()")) {
            q.setString(1, database);
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    pids.add(r.getLong(1));
                }
            }
        }
        return pids;
    }
}
