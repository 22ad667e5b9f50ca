package io.brokerpolicy.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.brokerpolicy.bundle.BundleReader;
import io.brokerpolicy.bundle.PolicyBundle;
import io.brokerpolicy.domain.AccountSnapshot;
import io.brokerpolicy.domain.AccountStatus;
import io.brokerpolicy.domain.AssetClass;
import io.brokerpolicy.domain.ClientCategory;
import io.brokerpolicy.domain.CloseOutStep;
import io.brokerpolicy.domain.MarginMode;
import io.brokerpolicy.domain.Position;
import io.brokerpolicy.domain.Side;
import io.brokerpolicy.domain.Verdict;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The exchange model's liquidation choices, decided by the repository's rules under a test policy: FULL
 * liquidation closes whole positions, in the policy's close-out order, until the cross margin ratio is restored.
 */
class ExchangeLiquidationEngineTest {

    private static final Instant AS_OF = Instant.parse("2026-11-21T14:03:11Z");
    private static final String LARGEST_LOSS_FIRST = "{description: largest loss first, sortBy: [floatingPnl ascending,"
            + " usedMargin descending, openedAt ascending]}";
    private static final String HIGHEST_LEVERAGE_FIRST = "{sortBy: [leverage descending, floatingPnl ascending,"
            + " usedMargin descending, openedAt ascending]}";

    private static CompiledPolicy compile(String closeOutOrder) {
        Map<String, String> files = new TreeMap<>(BundleReader.read(Path.of("rules"), Path.of("no-policies")).files());
        files.put("policies/test-exchange.yaml", """
                brokerId: test-exchange
                closeOutOrder: %s
                negativeBalanceProtection: true
                marginModel: MAINTENANCE_MARGIN
                maintenanceMargin:
                  liquidation: FULL
                  leverageBrackets:
                    default:
                      - {notionalFloor: 0, notionalCap: 50000, maxLeverage: 125, maintenanceMarginPercent: 0.40, maintenanceAmount: 0}
                      - {notionalFloor: 50000, maxLeverage: 100, maintenanceMarginPercent: 0.50, maintenanceAmount: 50}
                accountTypes:
                  standard: {marginCallRatio: 80, liquidationRatio: 100}
                """.formatted(closeOutOrder));
        PolicyCompiler.Result result = new PolicyCompiler().compile(new PolicyBundle(files), 1);
        assertThat(result.errors()).isEmpty();
        return result.policy();
    }

    /**
     * p1 1 BTC at 50x and p2 0.1 BTC at 100x, both bought at 60000, marked at 58300. Margin balance
     * 2000 - 1700 - 170 = 130; maintenance 241.50 (bracket 2) + 23.32 (bracket 1) = 264.82: ratio 203.7%.
     */
    private static AccountSnapshot snapshot() {
        return new AccountSnapshot("s", "A-1", "test-exchange", "standard", null, "SC", ClientCategory.RETAIL, "USDT",
                null, AS_OF, new BigDecimal("2000"), List.of(position("p1", "1", "50"), position("p2", "0.1", "100")));
    }

    private static Position position(String id, String quantity, String leverage) {
        return new Position(id, "BTCUSDT", AssetClass.CRYPTO, Side.LONG, new BigDecimal(quantity), BigDecimal.ONE,
                new BigDecimal("60000"), new BigDecimal("58300"), new BigDecimal(leverage), null, null, AS_OF,
                MarginMode.CROSS, null, null);
    }

    @Test
    void fullLiquidation_largestLossFirst_closesP1AndStopsOnceTheRatioIsRestored() {
        Verdict verdict = compile(LARGEST_LOSS_FIRST).evaluate(snapshot());
        assertThat(verdict.status()).isEqualTo(AccountStatus.STOP_OUT);
        assertThat(verdict.closeOuts()).extracting(CloseOutStep::positionId).containsExactly("p1");
        CloseOutStep step = verdict.closeOuts().get(0);
        assertThat(step.rule()).isEqualTo("LiquidateCrossPosition");
        assertThat(step.quantityRemaining()).isEqualByComparingTo("0");
        assertThat(step.maintenance().marginRatioBefore()).isEqualByComparingTo("203.71"); // 264.82 / 130
        assertThat(step.maintenance().marginRatioAfter()).isEqualByComparingTo("17.94");   // 23.32 / 130
    }

    @Test
    void fullLiquidation_highestLeverageFirst_closesP2FirstAndThenP1() {
        Verdict verdict = compile(HIGHEST_LEVERAGE_FIRST).evaluate(snapshot());
        assertThat(verdict.closeOuts()).extracting(CloseOutStep::positionId).containsExactly("p2", "p1");
        assertThat(verdict.closeOuts().get(0).maintenance().marginRatioAfter()).isEqualByComparingTo("185.77"); // 241.5 / 130
    }

    @Test
    void crossBalanceBelowZero_closesThePoolWhole_andTheInsuranceFundCoversTheShortfall() {
        // Margin balance 1500 - 1700 - 170 = -370: no ratio to measure, bankrupt, closed whole whatever the threshold.
        AccountSnapshot snapshot = new AccountSnapshot("s2", "A-2", "test-exchange", "standard", null, "SC",
                ClientCategory.RETAIL, "USDT", null, AS_OF, new BigDecimal("1500"),
                List.of(position("p1", "1", "50"), position("p2", "0.1", "100")));
        Verdict verdict = compile(LARGEST_LOSS_FIRST).evaluate(snapshot);
        assertThat(verdict.status()).isEqualTo(AccountStatus.STOP_OUT);
        assertThat(verdict.maintenanceMargin().crossMarginRatio()).isNull();
        assertThat(verdict.closeOuts()).extracting(CloseOutStep::positionId).containsExactly("p1", "p2");
        assertThat(verdict.closeOuts()).extracting(CloseOutStep::rule).containsOnly("CloseBankruptCrossPool");
        // The loss beyond the pool's collateral is the insurance fund's, so the balance ends at zero, not below.
        assertThat(verdict.maintenanceMargin().insuranceFundShortfall()).isEqualByComparingTo("370");
        assertThat(verdict.closeOuts().get(1).maintenance().insuranceFundShortfall()).isEqualByComparingTo("370");
        assertThat(verdict.afterCloseOut().balance()).isEqualByComparingTo("0");
        assertThat(verdict.negativeBalanceAdjustment()).isEqualByComparingTo("0");
        assertThat(verdict.explanation()).contains("cross margin balance of -370.00 USDT was zero or below, past the"
                + " liquidation ratio of 100%");
    }

    @Test
    void evaluationTimeIsTheSnapshotsAsOf_soAReplayDecidesTheSame() {
        CompiledPolicy policy = compile(LARGEST_LOSS_FIRST);
        assertThat(policy.evaluate(snapshot())).isEqualTo(policy.evaluate(snapshot()));
    }
}
