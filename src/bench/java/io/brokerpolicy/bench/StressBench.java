package io.brokerpolicy.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.brokerpolicy.intake.Json;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The stress-test benchmark (docs/benchmarks.md, "Stress test"), against a running service: stores a book of
 * {@code accounts} accounts through the batch endpoint (60 % acme-fx forex, 40 % nova-crypto, 1 to 5 positions each,
 * deterministic), then runs {@code POST /api/v1/policy/versions/{active}/stress} {@code runs} times and prints the
 * wall-clock time of each, the service's own time for it, and the CPU time the service used.
 *
 * <pre>args: URL USER PASSWORD SERVICE_PID ACCOUNTS RUNS   (ACCOUNTS 0: store nothing, the book is there already)</pre>
 */
public final class StressBench {

    static final String SHOCKS = "{\"shocks\": {\"BTCUSDT\": -20, \"ETHUSDT\": -25, \"assetClass:CRYPTO\": -30,"
            + " \"assetClass:FX_MAJOR\": -3, \"assetClass:INDEX_MAJOR\": -10, \"assetClass:GOLD\": 5}}";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String[] COINS = {"BTCUSDT", "ETHUSDT", "MANAUSDT", "HBARUSDT"};
    private static final String[] COIN_PRICES = {"60000", "3000", "0.7000", "0.08000"};

    private StressBench() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String auth = "Basic " + Base64.getEncoder().encodeToString((args[1] + ":" + args[2]).getBytes(StandardCharsets.UTF_8));
        long pid = Long.parseLong(args[3]);
        int accounts = Integer.parseInt(args[4]);
        int runs = Integer.parseInt(args[5]);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        if (accounts > 0) {
            load(http, url, auth, accounts);
        }
        long version = Json.MAPPER.readTree(send(http, HttpRequest.newBuilder(URI.create(url + "/api/v1/policy/active"))
                .header("Authorization", auth).GET().build())).get("version").asLong();
        System.out.printf("stress test of the stored book under v%d, shocks %s%n", version, SHOCKS);
        for (int run = 1; run <= runs; run++) {
            double cpuBefore = cpuSeconds(pid);
            long start = System.nanoTime();
            JsonNode report = Json.MAPPER.readTree(send(http, HttpRequest.newBuilder(
                    URI.create(url + "/api/v1/policy/versions/" + version + "/stress")).header("Authorization", auth)
                    .header("Content-Type", "application/json").timeout(Duration.ofMinutes(10))
                    .POST(HttpRequest.BodyPublishers.ofString(SHOCKS)).build()));
            double wall = (System.nanoTime() - start) / 1e9;
            double cpu = cpuSeconds(pid) - cpuBefore;
            System.out.printf("run %d: %,d accounts (%,d evaluated, %,d moved) in %.2f s wall (service: %,d ms),"
                            + " service CPU %.1f s; transitions %s; newly margin-called %,d, stopped out %,d, liquidated %,d;"
                            + " load average %s%n", run, report.get("accounts").asInt(), report.get("evaluated").asInt(),
                    report.get("shockedAccounts").asInt(), wall, report.get("elapsedMillis").asLong(), cpu,
                    report.get("transitions"), report.get("newlyMarginCalled").size(), report.get("newlyStoppedOut").size(),
                    report.get("newlyLiquidated").size(), loadAverage());
        }
    }

    private static void load(HttpClient http, String url, String auth, int accounts) throws Exception {
        long start = System.nanoTime();
        Random random = new Random(16);
        String run = Long.toString(System.currentTimeMillis(), 36);
        ExecutorService senders = Executors.newFixedThreadPool(3);
        List<Future<String>> sent = new ArrayList<>();
        for (int first = 0; first < accounts; first += 1_000) {
            ArrayNode batch = NODES.arrayNode();
            for (int i = first; i < Math.min(accounts, first + 1_000); i++) {
                batch.add(i % 5 < 3 ? forex(run, i, random) : crypto(run, i, random));
            }
            String body = batch.toString();
            sent.add(senders.submit(() -> send(http, HttpRequest.newBuilder(URI.create(url + "/api/v1/evaluations/batch"))
                    .header("Authorization", auth).header("Content-Type", "application/json").timeout(Duration.ofMinutes(5))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build())));
            while (sent.size() > 6) {
                sent.remove(0).get();
            }
        }
        for (Future<String> f : sent) {
            f.get();
        }
        senders.shutdown();
        System.out.printf("stored %,d accounts in %.1f s%n", accounts, (System.nanoTime() - start) / 1e9);
    }

    private static ObjectNode account(String run, int i, String broker, String jurisdiction, String currency) {
        ObjectNode s = NODES.objectNode();
        s.put("snapshotId", "stress-bench-" + run + "-" + i);
        s.put("accountId", "SB-" + run + "-" + i);
        s.put("brokerId", broker);
        s.put("accountType", "standard");
        s.put("kycTier", "FULL");
        s.put("jurisdiction", jurisdiction);
        s.put("clientCategory", "RETAIL");
        s.put("currency", currency);
        s.put("accountOpenedAt", "2025-01-10T00:00:00Z");
        s.put("asOf", "2026-11-21T14:03:11Z");
        return s;
    }

    /** acme-fx: FX majors, an index and gold; a margin level from 60 % to 800 %. */
    static ObjectNode forex(String run, int i, Random random) {
        ObjectNode s = account(run, i, "acme-fx", "EU", "USD");
        ArrayNode positions = s.putArray("positions");
        BigDecimal used = BigDecimal.ZERO;
        BigDecimal floating = BigDecimal.ZERO;
        for (int p = 0, n = 1 + random.nextInt(5); p < n; p++) {
            int kind = random.nextInt(4);
            String[] instrument = switch (kind) {
                case 0 -> new String[] {"EURUSD", "FX_MAJOR", "100000", "1.1000", "30"};
                case 1 -> new String[] {"GBPUSD", "FX_MAJOR", "100000", "1.2700", "30"};
                case 2 -> new String[] {"US500", "INDEX_MAJOR", "1", "5000.00", "20"};
                default -> new String[] {"XAUUSD", "GOLD", "100", "2000.00", "20"};
            };
            BigDecimal mark = new BigDecimal(instrument[3]);
            BigDecimal open = moved(mark, random);
            BigDecimal quantity = kind == 2 ? BigDecimal.valueOf(1 + random.nextInt(10))
                    : BigDecimal.valueOf(10 + random.nextInt(190)).movePointLeft(2);
            BigDecimal units = quantity.multiply(new BigDecimal(instrument[2]));
            boolean longSide = random.nextBoolean();
            floating = floating.add(mark.subtract(open).multiply(units).multiply(BigDecimal.valueOf(longSide ? 1 : -1)));
            used = used.add(units.multiply(mark).divide(new BigDecimal(instrument[4]), 10, RoundingMode.HALF_EVEN));
            positions.add(position("p" + p, instrument[0], instrument[1], longSide, quantity, instrument[2], open, mark,
                    instrument[4]));
        }
        BigDecimal level = BigDecimal.valueOf(60 + random.nextInt(740)).movePointLeft(2);
        s.put("balance", level.multiply(used).subtract(floating).setScale(2, RoundingMode.HALF_EVEN).toPlainString());
        return s;
    }

    /** nova-crypto: BTC, ETH and two altcoins, a quarter isolated; a cross margin ratio from about 5 % to 60 %. */
    static ObjectNode crypto(String run, int i, Random random) {
        ObjectNode s = account(run, i, "nova-crypto", "SC", "USDT");
        ArrayNode positions = s.putArray("positions");
        BigDecimal crossMaintenance = BigDecimal.ZERO;
        BigDecimal crossFloating = BigDecimal.ZERO;
        BigDecimal isolated = BigDecimal.ZERO;
        for (int p = 0, n = 1 + random.nextInt(4); p < n; p++) {
            int coin = random.nextInt(COINS.length);
            BigDecimal mark = new BigDecimal(COIN_PRICES[coin]);
            BigDecimal open = moved(mark, random);
            BigDecimal notional = BigDecimal.valueOf(500 + random.nextInt(40_000));
            BigDecimal quantity = notional.divide(mark, coin < 2 ? 3 : 0, RoundingMode.DOWN).max(coin < 2
                    ? new BigDecimal("0.001") : BigDecimal.ONE);
            int leverage = coin < 2 ? 5 + random.nextInt(20) : 2 + random.nextInt(8);
            boolean longSide = random.nextBoolean();
            BigDecimal pnl = mark.subtract(open).multiply(quantity).multiply(BigDecimal.valueOf(longSide ? 1 : -1));
            ObjectNode position = position("p" + p, COINS[coin], "CRYPTO", longSide, quantity, "1", open, mark,
                    Integer.toString(leverage));
            BigDecimal actual = quantity.multiply(mark);
            if (random.nextInt(4) == 0) {
                BigDecimal margin = actual.divide(BigDecimal.valueOf(leverage), 2, RoundingMode.UP);
                position.put("marginMode", "ISOLATED").put("isolatedMargin", margin.toPlainString());
                isolated = isolated.add(margin);
            } else {
                crossMaintenance = crossMaintenance.add(actual.multiply(new BigDecimal(coin < 2 ? "0.005" : "0.025")));
                crossFloating = crossFloating.add(pnl);
            }
            positions.add(position);
        }
        BigDecimal ratio = BigDecimal.valueOf(5 + random.nextInt(55)).movePointLeft(2);
        BigDecimal crossBalance = crossMaintenance.signum() == 0 ? BigDecimal.valueOf(1000)
                : crossMaintenance.divide(ratio, 2, RoundingMode.HALF_EVEN);
        s.put("balance", crossBalance.subtract(crossFloating).add(isolated).setScale(2, RoundingMode.HALF_EVEN).toPlainString());
        return s;
    }

    private static ObjectNode position(String id, String symbol, String assetClass, boolean longSide, BigDecimal quantity,
                                       String contractSize, BigDecimal open, BigDecimal mark, String leverage) {
        ObjectNode p = NODES.objectNode();
        p.put("positionId", id);
        p.put("symbol", symbol);
        p.put("assetClass", assetClass);
        p.put("side", longSide ? "LONG" : "SHORT");
        p.put("quantity", quantity.toPlainString());
        p.put("contractSize", contractSize);
        p.put("openPrice", open.toPlainString());
        p.put("markPrice", mark.toPlainString());
        p.put("leverage", leverage);
        p.put("openedAt", "2026-11-20T09:00:00Z");
        return p;
    }

    /** The open price: the mark moved by up to 5 % either way, at the mark's decimals. */
    private static BigDecimal moved(BigDecimal mark, Random random) {
        BigDecimal move = BigDecimal.valueOf(random.nextInt(1001) - 500).movePointLeft(4);
        return mark.add(mark.multiply(move)).setScale(mark.scale(), RoundingMode.HALF_EVEN);
    }

    private static String send(HttpClient http, HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IOException(request.method() + " " + request.uri() + " answered " + response.statusCode() + ": "
                    + response.body().substring(0, Math.min(500, response.body().length())));
        }
        return response.body();
    }

    /** User + system CPU seconds of a process, from /proc; 0 when it cannot be read. */
    private static double cpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }
}
