package io.brokerpolicy.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.brokerpolicy.audit.AuditHashes;
import io.brokerpolicy.audit.VerdictDocument;
import io.brokerpolicy.bundle.BundleReader;
import io.brokerpolicy.domain.AccountSnapshot;
import io.brokerpolicy.domain.Verdict;
import io.brokerpolicy.engine.CompiledPolicy;
import io.brokerpolicy.engine.PolicyCompiler;
import io.brokerpolicy.intake.Json;
import io.brokerpolicy.intake.SnapshotParser;
import io.brokerpolicy.intake.SnapshotReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The service's own work on a batch request, step by step, in CPU time of one thread (what other processes
 * on a shared machine disturb least): a JSON array of 1,000 snapshots of 1-10 positions (acme-fx, as
 * bench/load-test.sh sends them) read through a JSON tree as before and from the stream as now, hashed,
 * evaluated in one batch, and each verdict document written. The database, HTTP and the audit log's
 * sequencer are not in it. Prints microseconds of CPU per snapshot; argument: seconds per step (default 4).
 */
public final class RequestPathCost {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private RequestPathCost() {
    }

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 4;
        BenchLogging.asInTheService();
        CompiledPolicy policy = new PolicyCompiler().compile(BundleReader.read(Path.of("rules"), Path.of("policies")), 1).policy();
        SnapshotParser parser = new SnapshotParser(Clock.systemUTC());
        SnapshotReader reader = new SnapshotReader(parser, 10_000);
        String body = batch(1000);
        List<SnapshotReader.Read> reads = reader.readBatch(body, false);
        List<AccountSnapshot> snapshots = reads.stream().map(SnapshotReader.Read::snapshot).toList();
        List<Verdict> verdicts = policy.evaluateAll(snapshots);
        Instant now = Instant.now();
        String[] names = {"intake through a JSON tree (before)", "intake from the stream (now)", "snapshot hash (SHA-256)",
                "engine, one batch of 1,000", "verdict documents written"};
        Step[] steps = {
                () -> {
                    JsonNode tree = Json.MAPPER.readTree(body);
                    List<JsonNode> items = new ArrayList<>();
                    tree.forEach(items::add);
                    parser.parseAll(items);
                    for (JsonNode item : items) {
                        Json.MAPPER.writeValueAsString(item);
                    }
                },
                () -> reader.readBatch(body, false),
                () -> reads.forEach(r -> AuditHashes.sha256(r.json())),
                () -> policy.evaluateAll(snapshots),
                () -> {
                    for (Verdict v : verdicts) {
                        Json.MAPPER.writeValueAsString(VerdictDocument.of("00000000-0000-0000-0000-000000000000", now, v));
                    }
                },
        };
        for (int round = 0; round < 2; round++) {
            double[] micros = new double[steps.length];
            for (int s = 0; s < steps.length; s++) {
                micros[s] = measure(steps[s], 1000, round == 0 ? seconds / 2 : seconds);
            }
            if (round == 1) {
                System.out.println("Service CPU per snapshot of a batch request, one thread (RequestPathCost):");
                for (int s = 0; s < steps.length; s++) {
                    System.out.printf("  %-40s %7.1f us%n", names[s], micros[s]);
                }
                System.out.printf("  %-40s %7.1f us  (stream intake + hash + engine + documents)%n", "sum, as the service does it now",
                        micros[1] + micros[2] + micros[3] + micros[4]);
            }
        }
    }

    interface Step {
        void run() throws Exception;
    }

    private static double measure(Step step, int perRun, double seconds) throws Exception {
        long wallEnd = System.nanoTime() + (long) (seconds * 1e9);
        long cpuStart = THREADS.getCurrentThreadCpuTime();
        long done = 0;
        while (System.nanoTime() < wallEnd) {
            step.run();
            done += perRun;
        }
        return (THREADS.getCurrentThreadCpuTime() - cpuStart) / 1e3 / done;
    }

    /** As bench/evaluate.lua writes them: acme-fx standard accounts, 1 + (i % 10) positions. */
    static String batch(int size) {
        String[][] templates = {
                {"EURUSD", "FX_MAJOR", "LONG", "0.10", "100000", "1.1000", "1.0850", "30"},
                {"GBPUSD", "FX_MAJOR", "SHORT", "0.05", "100000", "1.2500", "1.2400", "30"},
                {"DE40", "INDEX_MAJOR", "LONG", "1", "1", "18000", "17800", "20"},
                {"USDJPY", "FX_MAJOR", "LONG", "0.02", "100000", "150.00", "149.20", "30"},
                {"XAUUSD", "GOLD", "SHORT", "0.01", "100", "2400.00", "2410.50", "20"},
                {"AUDCAD", "FX_MINOR", "LONG", "0.03", "100000", "0.9100", "0.9080", "20"},
                {"US500", "INDEX_MAJOR", "SHORT", "0.5", "1", "5200", "5180", "20"},
                {"AAPL", "EQUITY", "LONG", "2", "1", "190.00", "187.50", "5"},
                {"EURGBP", "FX_MINOR", "SHORT", "0.04", "100000", "0.8600", "0.8610", "20"},
                {"JP225", "INDEX_MINOR", "LONG", "0.2", "1", "38000", "37900", "10"}};
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < size; i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append("{\"snapshotId\":\"cost-").append(i).append("\",\"accountId\":\"A-").append(i % 5000)
                    .append("\",\"brokerId\":\"acme-fx\",\"accountType\":\"standard\",\"kycTier\":\"FULL\",\"jurisdiction\":\"EU\","
                            + "\"clientCategory\":\"RETAIL\",\"currency\":\"USD\",\"accountOpenedAt\":\"2025-01-10T00:00:00Z\","
                            + "\"asOf\":\"2026-11-21T14:03:11Z\",\"balance\":\"").append(400 + (i % 12) * 150).append(".00\",\"positions\":[");
            for (int k = 0; k <= i % 10; k++) {
                String[] t = templates[k];
                if (k > 0) {
                    out.append(',');
                }
                out.append("{\"positionId\":\"p").append(k + 1).append("\",\"symbol\":\"").append(t[0])
                        .append("\",\"assetClass\":\"").append(t[1]).append("\",\"side\":\"").append(t[2])
                        .append("\",\"quantity\":\"").append(t[3]).append("\",\"contractSize\":\"").append(t[4])
                        .append("\",\"openPrice\":\"").append(t[5]).append("\",\"markPrice\":\"").append(t[6])
                        .append("\",\"leverage\":\"").append(t[7]).append("\",\"swap\":\"-0.40\",\"fees\":\"0\","
                                + "\"openedAt\":\"2026-11-20T09:00:00Z\"}");
            }
            out.append("]}");
        }
        return out.append(']').toString();
    }
}
