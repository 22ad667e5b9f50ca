package io.brokerpolicy.bench;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalPropertiesReader;
import io.brokerpolicy.app.EmbeddedDatabase;
import io.brokerpolicy.audit.AuditLogKeys;
import io.brokerpolicy.audit.log.CheckpointFolder;
import io.brokerpolicy.audit.log.CheckpointSigner;
import io.brokerpolicy.audit.log.Ed25519Keys;
import io.brokerpolicy.config.AuditLogConfig;
import io.brokerpolicy.persistence.AuditLogWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.postgresql.PGConnection;

/**
 * Does appending to the audit log get slower as the log grows? Starts a PostgreSQL of its own (fsync on),
 * migrates it as the owner and connects as the service's role, and grows the log to each size asked for (10,000 and 1,000,000 leaves by default): the
 * records are generated with COPY and taken into the tree by the real sequencer. At each size it then
 * measures rounds of appends (after one unmeasured warm-up round) through the real write path: verdict rows inserted in transactions of 500 (as
 * group commit writes them, each queued by the insert trigger), the sequencer taking them into the tree, and
 * a signed checkpoint.
 * <pre>
 * ./mvnw -B -q -Pbench test-compile exec:exec -Dbench.main=io.brokerpolicy.bench.AuditLogAppendBench
 * ./mvnw -B -q -Pbench test-compile exec:exec -Dbench.main=io.brokerpolicy.bench.AuditLogAppendBench -Dbench.args="10000,1000000 5"
 * </pre>
 * Arguments: the sizes (comma separated) and the rounds at each size.
 */
public final class AuditLogAppendBench {

    static final int ROUND = 10_000;
    static final int TRANSACTION = 500;

    private AuditLogAppendBench() {
    }

    record Round(double insertsPerSecond, double sequencedPerSecond, double checkpointMillis) {
    }

    public static void main(String[] args) throws Exception {
        List<Long> sizes = new ArrayList<>();
        for (String size : (args.length > 0 ? args[0] : "10000,1000000").split(",")) {
            sizes.add(Long.parseLong(size.trim()));
        }
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path work = Path.of("target", "bench-audit-log-" + UUID.randomUUID());
        try (EmbeddedDatabase database = EmbeddedDatabase.start(work.resolve("postgres"), true)) {
            // as the service connects (application.properties): batched inserts sent as multi-row inserts
            String url = database.jdbcUrl() + (database.jdbcUrl().contains("?") ? "&" : "?") + "reWriteBatchedInserts=true";
            Flyway.configure().dataSource(url, database.owner().user(), database.owner().password())
                    .locations("classpath:db/migration").placeholders(Map.of("approle", "brokerpolicy_app"))
                    .load().migrate();
            try (AgroalDataSource pool = AgroalDataSource.from(new AgroalPropertiesReader().readProperties(Map.of(
                    AgroalPropertiesReader.JDBC_URL, url,
                    AgroalPropertiesReader.PRINCIPAL, database.serviceRole().user(),
                    AgroalPropertiesReader.CREDENTIAL, database.serviceRole().password(),
                    AgroalPropertiesReader.MAX_SIZE, "4")));
                 CheckpointFolder folder = CheckpointFolder.open(work.resolve("checkpoints"))) {
                AuditLogWriter writer = new AuditLogWriter(pool,
                        AuditLogKeys.of(new CheckpointSigner("bench.example/audit-log", Ed25519Keys.generate()), folder),
                        config(), Clock.systemUTC());
                Documents documents = Documents.load();
                policyVersion(pool);
                List<String> report = new ArrayList<>();
                for (long size : sizes) {
                    grow(pool, writer, size);
                    round(pool, writer, documents); // a warm-up round at each size: JIT and caches, not measured
                    List<Round> measured = new ArrayList<>();
                    for (int round = 0; round < rounds; round++) {
                        measured.add(round(pool, writer, documents));
                    }
                    report.add(line(size, measured));
                }
                System.out.println();
                System.out.println("Appends of " + ROUND + " verdicts a round (transactions of " + TRANSACTION
                        + "), median of " + rounds + " rounds [min - max]:");
                System.out.printf("%-16s %-34s %-34s %-26s%n", "leaves before", "verdicts inserted /s (writers)",
                        "leaves sequenced /s (sequencer)", "checkpoint ms");
                report.forEach(System.out::println);
            }
        } finally {
            delete(work);
        }
    }

    /** Grows the log to {@code size} leaves: audit read rows by COPY, taken into the tree by the sequencer. */
    private static void grow(AgroalDataSource pool, AuditLogWriter writer, long size) throws Exception {
        long missing = size - writer.checkpointNow().map(s -> s.entry().treeSize()).orElse(0L);
        long started = System.nanoTime();
        for (long done = 0; done < missing; done += 100_000) {
            long count = Math.min(100_000, missing - done);
            StringBuilder csv = new StringBuilder((int) count * 80);
            String at = OffsetDateTime.now(ZoneOffset.UTC).toString();
            for (long i = 0; i < count; i++) {
                csv.append(at).append(",compliance-").append(i % 17).append(",READ,").append(UUID.randomUUID())
                        .append(",generated\n");
            }
            try (Connection c = pool.getConnection()) {
                c.unwrap(PGConnection.class).getCopyAPI().copyIn(
                        "COPY audit_read (at, actor, action, target, detail) FROM STDIN WITH (FORMAT csv)",
                        new StringReader(csv.toString()));
            }
            while (writer.integrate() > 0) {
                // until the queue is empty
            }
        }
        writer.checkpoint();
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("grew the log by %,d leaves to %,d in %.1f s (%,.0f leaves/s, COPY and sequencing)%n", missing,
                writer.treeSize(), seconds, missing / seconds);
    }

    private static Round round(AgroalDataSource pool, AuditLogWriter writer, Documents documents) throws SQLException {
        long started = System.nanoTime();
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement("insert into verdict (verdict_id, snapshot_id, snapshot_hash,"
                    + " account_id, broker_id, account_type, status, policy_version, policy_hash, as_of, evaluated_at,"
                    + " snapshot, verdict) values (?, ?, ?, ?, 'acme-fx', 'standard', 'STOP_OUT', 1, 'sha256:bench', ?, ?,"
                    + " ?::json, ?::json) on conflict (snapshot_id) do nothing")) {
                for (int i = 0; i < ROUND; i++) {
                    UUID id = UUID.randomUUID();
                    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
                    insert.setObject(1, id);
                    insert.setString(2, "bench-" + id);
                    insert.setString(3, "sha256:" + id);
                    insert.setString(4, "A-" + (i % 1000));
                    insert.setObject(5, now);
                    insert.setObject(6, now);
                    insert.setString(7, documents.snapshot);
                    insert.setString(8, documents.verdict.replace("\"verdictId\":\"\"", "\"verdictId\":\"" + id + "\""));
                    insert.addBatch();
                    if ((i + 1) % TRANSACTION == 0) {
                        insert.executeBatch();
                        c.commit();
                    }
                }
            }
        }
        long inserted = System.nanoTime();
        int sequenced = 0;
        int added;
        while ((added = writer.integrate()) > 0) {
            sequenced += added;
        }
        long integrated = System.nanoTime();
        writer.checkpoint();
        long signed = System.nanoTime();
        if (sequenced < ROUND) {
            throw new IllegalStateException("only " + sequenced + " of " + ROUND + " verdicts were sequenced");
        }
        return new Round(ROUND / ((inserted - started) / 1e9), sequenced / ((integrated - inserted) / 1e9),
                (signed - integrated) / 1e6);
    }

    private static String line(long size, List<Round> rounds) {
        return String.format("%-16s %-34s %-34s %-26s", String.format("%,d", size),
                stats(rounds, Round::insertsPerSecond, "%,.0f"), stats(rounds, Round::sequencedPerSecond, "%,.0f"),
                stats(rounds, Round::checkpointMillis, "%.1f"));
    }

    private static String stats(List<Round> rounds, java.util.function.ToDoubleFunction<Round> value, String format) {
        List<Double> values = new ArrayList<>(rounds.stream().map(value::applyAsDouble).toList());
        Collections.sort(values);
        return String.format(format + " [" + format + " - " + format + "]", values.get(values.size() / 2), values.get(0),
                values.get(values.size() - 1));
    }

    private static void policyVersion(AgroalDataSource pool) throws SQLException {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("insert into policy_version (version, hash, state, source, created_by, created_at)"
                    + " values (1, 'sha256:bench', 'ACTIVE', 'bench', 'bench', now())");
        }
    }

    /** A stop-out verdict with three positions and two close-out steps, and its snapshot: a golden case's. */
    record Documents(String snapshot, String verdict) {
        static Documents load() throws IOException {
            return new Documents(resource("/cases/04-stop-out-closes-two-in-order/snapshot.json"),
                    "{\"schemaVersion\":2,\"verdictId\":\"\"," + resource("/cases/04-stop-out-closes-two-in-order/expected.json")
                            .trim().substring(1));
        }

        private static String resource(String name) throws IOException {
            try (InputStream in = AuditLogAppendBench.class.getResourceAsStream(name)) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
    }

    private static AuditLogConfig config() {
        return new AuditLogConfig() {
            @Override
            public String origin() {
                return "bench.example/audit-log";
            }

            @Override
            public Optional<Path> signingKeyFile() {
                return Optional.empty();
            }

            @Override
            public Optional<Path> checkpointDir() {
                return Optional.empty();
            }

            @Override
            public Duration checkpointInterval() {
                return Duration.ofSeconds(5);
            }

            @Override
            public Duration sequenceInterval() {
                return Duration.ofMillis(100);
            }

            @Override
            public int sequenceBatchSize() {
                return 5_000;
            }

            @Override
            public Optional<URI> witnessUrl() {
                return Optional.empty();
            }

            @Override
            public Optional<String> witnessAuthorization() {
                return Optional.empty();
            }
        };
    }

    private static void delete(Path folder) throws IOException {
        if (Files.exists(folder)) {
            try (var paths = Files.walk(folder)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
