package io.brokerpolicy.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.brokerpolicy.bundle.BundleReader;
import io.brokerpolicy.domain.AccountStatus;
import io.brokerpolicy.domain.AssetClass;
import io.brokerpolicy.domain.PriceShocks;
import io.brokerpolicy.engine.CompiledPolicy;
import io.brokerpolicy.engine.PolicyCompiler;
import io.brokerpolicy.persistence.SnapshotHistory.StoredSnapshot;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A stress test of a small book under the repository's policies, every figure worked out by hand. Shocks: BTCUSDT
 * -20 %, every other CRYPTO -10 % (a symbol's shock overrides its class's), FX_MAJOR -3 %.
 *
 * <pre>
 * acme-fx (USD, standard: margin call 100 %, stop-out 50 %, ESMA negative balance protection)
 *   F1 EURUSD long 1 lot at 1.1000, 30:1, balance 5000: used 3666.67, level 136.36 % HEALTHY.
 *      At 1.0670: PnL -3300, equity 1700, used 3556.67, level 47.80 %: STOP_OUT, loss 3300.
 *   F2 the same with balance 6500: 177.27 % HEALTHY; after, 3200 / 3556.67 = 89.97 %: MARGIN_CALL, loss 3300.
 *   F3 2 lots, balance 5000: 68.18 % MARGIN_CALL; after, equity -1600: STOP_OUT, closed, the broker absorbs 1600.
 *   F4 US500 (INDEX_MAJOR, not shocked), 1 at 5000, 20:1, balance 1000: 400 % HEALTHY, unchanged.
 * nova-crypto (USDT, margin call 80 %, liquidation 100 %)
 *   C1 BTCUSDT cross long 1 at 60000, balance 10000: ratio 250 / 10000 = 2.5 % HEALTHY. At 48000: margin balance
 *      -2000, bankrupt, closed whole: the insurance fund's shortfall is 2000, loss 12000.
 *   C2 ETHUSDT isolated long 10 at 3000 (-10 %: 2700), isolated margin 3150, balance 5000: its pool 150 against 160.50:
 *      reduced a bracket (a liquidation step) while the account stays HEALTHY; loss 3000.
 *   C3 MANAUSDT cross long 10000 at 0.70 (-10 %: 0.63), balance 800: 100 / 800 = 12.5 % HEALTHY; after,
 *      82.50 / 100 = 82.5 %: MARGIN_CALL, loss 700.
 * Two more accounts cannot be evaluated: one of a broker without a policy, one whose stored JSON is unreadable.
 * </pre>
 */
class StressTestOnASmallBookTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T00:00:00Z"), ZoneOffset.UTC);
    static CompiledPolicy policy;

    @BeforeAll
    static void compileRepositoryBundle() {
        PolicyCompiler.Result result = new PolicyCompiler().compile(BundleReader.read(Path.of("rules"), Path.of("policies")), 7);
        assertThat(result.errors()).isEmpty();
        policy = result.policy();
    }

    private static String snapshot(String account, String broker, String currency, String balance, String positions) {
        return """
                {"snapshotId": "stress-%s", "accountId": "%s", "brokerId": "%s", "accountType": "standard",
                 "kycTier": "FULL", "jurisdiction": "%s", "clientCategory": "RETAIL", "currency": "%s",
                 "accountOpenedAt": "2025-01-10T00:00:00Z", "asOf": "2026-11-21T14:03:11Z", "balance": "%s",
                 "positions": [%s]}""".formatted(account, account, broker, broker.equals("nova-crypto") ? "SC" : "EU",
                currency, balance, positions);
    }

    private static String position(String symbol, String assetClass, String quantity, String contractSize, String price,
                                   String leverage, String extra) {
        return """
                {"positionId": "p1", "symbol": "%s", "assetClass": "%s", "side": "LONG", "quantity": "%s",
                 "contractSize": "%s", "openPrice": "%s", "markPrice": "%s", "leverage": "%s",
                 "openedAt": "2026-11-20T09:00:00Z"%s}""".formatted(symbol, assetClass, quantity, contractSize, price, price,
                leverage, extra);
    }

    static List<StoredSnapshot> book() {
        List<StoredSnapshot> book = new ArrayList<>();
        add(book, "F1", snapshot("F1", "acme-fx", "USD", "5000", position("EURUSD", "FX_MAJOR", "1", "100000", "1.1000", "30", "")));
        add(book, "F2", snapshot("F2", "acme-fx", "USD", "6500", position("EURUSD", "FX_MAJOR", "1", "100000", "1.1000", "30", "")));
        add(book, "F3", snapshot("F3", "acme-fx", "USD", "5000", position("EURUSD", "FX_MAJOR", "2", "100000", "1.1000", "30", "")));
        add(book, "F4", snapshot("F4", "acme-fx", "USD", "1000", position("US500", "INDEX_MAJOR", "1", "1", "5000", "20", "")));
        add(book, "C1", snapshot("C1", "nova-crypto", "USDT", "10000", position("BTCUSDT", "CRYPTO", "1", "1", "60000", "10", "")));
        add(book, "C2", snapshot("C2", "nova-crypto", "USDT", "5000", position("ETHUSDT", "CRYPTO", "10", "1", "3000", "10",
                ", \"marginMode\": \"ISOLATED\", \"isolatedMargin\": \"3150\"")));
        add(book, "C3", snapshot("C3", "nova-crypto", "USDT", "800", position("MANAUSDT", "CRYPTO", "10000", "1", "0.7000", "5", "")));
        add(book, "X1", snapshot("X1", "nobody-fx", "USD", "1000", position("EURUSD", "FX_MAJOR", "1", "100000", "1.1000", "30", "")));
        book.add(new StoredSnapshot("stress-X2", "X2", "{not json"));
        return book;
    }

    private static void add(List<StoredSnapshot> book, String account, String json) {
        book.add(new StoredSnapshot("stress-" + account, account, json));
    }

    static StressTest.Source from(List<StoredSnapshot> book) {
        return (batchSize, batches) -> {
            for (int i = 0; i < book.size(); i += batchSize) {
                batches.accept(book.subList(i, Math.min(book.size(), i + batchSize)));
            }
            return book.size();
        };
    }

    static final PriceShocks SHOCKS = new PriceShocks(Map.of("BTCUSDT", new BigDecimal("-20")),
            Map.of(AssetClass.CRYPTO, new BigDecimal("-10"), AssetClass.FX_MAJOR, new BigDecimal("-3")));

    @Test
    void countsTransitionsNewlyCalledStoppedAndLiquidated_andWhatTheBrokerCarries() {
        StressTest.Report report = new StressTest(CLOCK, 2).run(policy, SHOCKS, from(book()));

        assertThat(report.version()).isEqualTo(7);
        assertThat(report.accounts()).isEqualTo(9);
        assertThat(report.evaluated()).isEqualTo(7);
        assertThat(report.shockedAccounts()).isEqualTo(6);
        assertThat(report.transitions()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "HEALTHY -> HEALTHY", 2, "HEALTHY -> MARGIN_CALL", 2, "HEALTHY -> STOP_OUT", 2, "MARGIN_CALL -> STOP_OUT", 1));
        assertThat(report.newlyMarginCalled()).containsExactly("C3", "F2");
        assertThat(report.newlyStoppedOut()).containsExactly("F1", "F3");
        assertThat(report.newlyLiquidated()).containsExactly("C1", "C2");

        assertThat(report.brokerLosses()).hasSize(2);
        StressTest.BrokerLosses usd = report.brokerLosses().get(0);
        assertThat(usd.currency()).isEqualTo("USD");
        assertThat(usd.accounts()).isEqualTo(4);
        assertThat(usd.equityChange()).isEqualByComparingTo("-13200");
        assertThat(usd.negativeBalanceAdjustment()).isEqualByComparingTo("1600");
        assertThat(usd.baselineNegativeBalanceAdjustment()).isEqualByComparingTo("0");
        StressTest.BrokerLosses usdt = report.brokerLosses().get(1);
        assertThat(usdt.currency()).isEqualTo("USDT");
        assertThat(usdt.equityChange()).isEqualByComparingTo("-15700");
        assertThat(usdt.insuranceFundShortfall()).isEqualByComparingTo("2000");
        assertThat(usdt.negativeBalanceAdjustment()).isEqualByComparingTo("0");

        assertThat(report.worstAccounts()).extracting(StressTest.AccountLoss::accountId)
                .containsExactly("C1", "F3", "F1", "F2", "C2", "C3");
        assertThat(report.worstAccounts()).extracting(a -> a.loss().stripTrailingZeros().toPlainString())
                .containsExactly("12000", "6600", "3300", "3300", "3000", "700");
        StressTest.AccountLoss c1 = report.worstAccounts().get(0);
        assertThat(c1.statusBefore()).isEqualTo(AccountStatus.HEALTHY);
        assertThat(c1.statusAfter()).isEqualTo(AccountStatus.STOP_OUT);
        assertThat(c1.insuranceFundShortfall()).isEqualByComparingTo("2000");
        assertThat(c1.liquidated()).isTrue();

        assertThat(report.failureCount()).isEqualTo(2);
        assertThat(report.failures()).extracting(StressTest.Failure::accountId).containsExactly("X1", "X2");
        assertThat(report.failures().get(0).message()).contains("no policy for broker 'nobody-fx'");
        assertThat(report.failures().get(1).message()).contains("unreadable");
    }

    @Test
    void theReportDoesNotDependOnBatchesOrThreads() {
        List<StoredSnapshot> book = new ArrayList<>();
        for (int copy = 0; copy < 300; copy++) {
            for (StoredSnapshot s : book()) {
                book.add(new StoredSnapshot(s.snapshotId() + "-" + copy, s.accountId() + "-" + copy,
                        s.json().replace("\"" + s.accountId() + "\"", "\"" + s.accountId() + "-" + copy + "\"")
                                .replace("\"" + s.snapshotId() + "\"", "\"" + s.snapshotId() + "-" + copy + "\"")));
            }
        }
        StressTest.Report one = new StressTest(CLOCK, 1).run(policy, SHOCKS, from(book));
        StressTest.Report two = new StressTest(CLOCK, 2).run(policy, SHOCKS, (size, batches) -> {
            for (int i = 0; i < book.size(); i += 7) {
                batches.accept(book.subList(i, Math.min(book.size(), i + 7)));
            }
            return book.size();
        });
        assertThat(one.evaluated()).isEqualTo(7 * 300);
        assertThat(one.transitions().get("HEALTHY -> STOP_OUT")).isEqualTo(2 * 300);
        assertThat(two).usingRecursiveComparison().ignoringFields("elapsedMillis").isEqualTo(one);
        assertThat(one.worstAccounts()).hasSize(StressTest.WORST_ACCOUNTS);
        assertThat(one.failures()).hasSize(100);
        assertThat(one.failureCount()).isEqualTo(600);
    }
}
