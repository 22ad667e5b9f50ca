package io.brokerpolicy.domain;

import static io.brokerpolicy.domain.ExchangeFixtures.account;
import static io.brokerpolicy.domain.ExchangeFixtures.cross;
import static io.brokerpolicy.domain.ExchangeFixtures.d;
import static io.brokerpolicy.domain.ExchangeFixtures.isolated;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class MaintenanceMarginAccountTest {

    @Test
    void crossFigures_leaveOutIsolatedMarginAndIsolatedPnl() {
        MaintenanceMarginAccount account = account("5000",
                cross("c1", Side.LONG, "0.1", "60000", "59000", "10"),
                isolated("i1", Side.LONG, "0.1", "60000", "50000", "600"));
        assertThat(account.getCrossWalletBalance()).isEqualByComparingTo("4400");
        assertThat(account.getCrossMarginBalance()).isEqualByComparingTo("4300"); // 4400 - 100
        assertThat(account.getCrossMaintenanceMargin()).isEqualByComparingTo("23.6"); // 5900 x 0.4%
        assertThat(account.getCrossMarginRatio()).isEqualByComparingTo(
                d("23.6").multiply(d("100")).divide(d("4300"), Decimals.MC));
    }

    @Test
    void fundingAndFeesEnterTheMarginBalance() {
        Position p = new Position("c1", "BTCUSDT", AssetClass.CRYPTO, Side.LONG, d("1"), BigDecimal.ONE, d("60000"),
                d("60000"), d("100"), d("-10"), d("6"), null, MarginMode.CROSS, null, null);
        assertThat(account("1000", p).getCrossMarginBalance()).isEqualByComparingTo("984");
    }

    @Test
    void reduceOneBracket_keepsTheFloorOfTheBracket_andRealizesTheClosedShare() {
        MaintenanceMarginAccount account = account("21000", cross("p1", Side.LONG, "5", "64000", "60000", "20"));
        PositionState p = account.openCross().get(0);
        CloseOutStep step = account.reduceOneBracket(p, "R");
        assertThat(p.getNotional()).isEqualByComparingTo("250000");
        assertThat(step.realizedPnl()).isCloseTo(d("-20000").divide(d("6"), Decimals.MC), within(d("1e-20")));
        assertThat(step.quantityClosed().add(step.quantityRemaining())).isEqualByComparingTo("5");
        assertThat(step.maintenance().bracketBefore()).isEqualTo(3);
        assertThat(step.maintenance().bracketAfter()).isEqualTo(2);
        assertThat(step.maintenance().marginRatioBefore()).isEqualByComparingTo("170");
        assertThat(step.maintenance().marginRatioAfter()).isEqualByComparingTo("120");
        assertThat(account.getCrossMarginBalance()).isEqualByComparingTo("1000"); // closing at the mark moves PnL, not equity
    }

    @Test
    void reduceOneBracket_inBracketOne_closesWhole() {
        MaintenanceMarginAccount account = account("1000", cross("p1", Side.LONG, "0.1", "60000", "60000", "20"));
        PositionState p = account.openCross().get(0);
        CloseOutStep step = account.reduceOneBracket(p, "R");
        assertThat(p.isOpen()).isFalse();
        assertThat(step.quantityRemaining()).isEqualByComparingTo("0");
        assertThat(step.maintenance().bracketAfter()).isNull();
        assertThat(step.maintenance().marginRatioAfter()).isNull();
    }

    @Test
    void isolatedLoss_stopsAtItsOwnMargin() {
        MaintenanceMarginAccount account = account("5000", isolated("i1", Side.LONG, "0.1", "60000", "50000", "600"));
        PositionState p = account.openIsolated().get(0);
        assertThat(p.isIsolatedAtOrAbove(d("100"))).isTrue(); // margin balance 600 - 1000 < 0
        CloseOutStep step = account.liquidate(p, "L");
        assertThat(step.realizedPnl()).isEqualByComparingTo("-600"); // not -1000
        assertThat(account.account().getBalance()).isEqualByComparingTo("4400");
        assertThat(step.maintenance().scope()).isEqualTo(MarginMode.ISOLATED);
    }
}
