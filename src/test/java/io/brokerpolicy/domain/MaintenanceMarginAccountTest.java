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
                Decimals.divide(d("23.6").multiply(d("100")), d("4300")));
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
        // The kept quantity is a quotient at 10 places (rounded down): off by at most 1e-10 lot x the 4000 move.
        assertThat(step.realizedPnl()).isCloseTo(Decimals.divide(d("-20000"), d("6")), within(d("4e-7")));
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
    void bankruptIsolatedPosition_realizesItsWholeLoss_andTheInsuranceFundCoversWhatItsMarginLacked() {
        MaintenanceMarginAccount account = account("5000", isolated("i1", Side.LONG, "0.1", "60000", "50000", "600"));
        PositionState p = account.openIsolated().get(0);
        assertThat(p.isIsolatedBankrupt()).isTrue(); // margin balance 600 - 1000 = -400
        CloseOutStep step = account.liquidate(p, "L");
        assertThat(step.realizedPnl()).isEqualByComparingTo("-1000");
        assertThat(step.maintenance().insuranceFundShortfall()).isEqualByComparingTo("400");
        assertThat(step.maintenance().insuranceFundContribution()).isEqualByComparingTo("0");
        assertThat(step.maintenance().liquidationFee()).isEqualByComparingTo("0"); // no collateral left to pay it
        assertThat(account.account().getBalance()).isEqualByComparingTo("4400"); // the account loses its 600, no more
        assertThat(step.maintenance().scope()).isEqualTo(MarginMode.ISOLATED);
    }

    @Test
    void liquidatedIsolatedPosition_leavesWhatIsLeftToTheInsuranceFund_notToTheCrossPool() {
        // Cross: wallet 5000 - 630 = 4370, c1 loses 4352: margin balance 18 against maintenance 0.2 x 56000 x 0.4% = 44.8.
        // Isolated i1: 630 - 600 = 30 against 8400 x 0.4% = 33.6 (the fixture's table). Both at or above 100 %.
        MaintenanceMarginAccount account = account("5000", "0.05", null,
                cross("c1", Side.LONG, "0.2", "77760", "56000", "125"),
                new Position("i1", "ETHUSDT", AssetClass.CRYPTO, Side.LONG, d("3"), BigDecimal.ONE, d("3000"), d("2800"),
                        d("14"), null, null, null, MarginMode.ISOLATED, d("630"), null));
        BigDecimal crossBalance = account.getCrossMarginBalance();
        assertThat(crossBalance).isEqualByComparingTo("18");
        assertThat(account.isCrossAtOrAbove(d("100"))).isTrue();
        CloseOutStep isolatedStep = account.liquidate(account.openIsolated().get(0), "L");
        // fee 0.05 % of 8400 = 4.20; 30 - 4.20 = 25.80 to the insurance fund; the account loses the whole 630
        assertThat(isolatedStep.maintenance().liquidationFee()).isEqualByComparingTo("4.2");
        assertThat(isolatedStep.maintenance().insuranceFundContribution()).isEqualByComparingTo("25.8");
        assertThat(account.account().getBalance()).isEqualByComparingTo("4370");
        assertThat(account.getCrossMarginBalance()).as("the cross pool gets nothing of it").isEqualByComparingTo(crossBalance);
        assertThat(account.isCrossAtOrAbove(d("100"))).isTrue();
    }

    @Test
    void liquidationFee_isNeverMoreThanThePoolHasLeft() {
        // margin balance 600 - 580 = 20; fee 1 % of 5800 = 58, of which only 20 can be paid
        MaintenanceMarginAccount account = account("5000", "1", null,
                isolated("i1", Side.LONG, "0.1", "63800", "58000", "600"));
        CloseOutStep step = account.liquidate(account.openIsolated().get(0), "L");
        assertThat(step.maintenance().liquidationFee()).isEqualByComparingTo("20");
        assertThat(step.maintenance().insuranceFundContribution()).isEqualByComparingTo("0");
        assertThat(step.maintenance().insuranceFundShortfall()).isEqualByComparingTo("0");
        assertThat(account.account().getBalance()).isEqualByComparingTo("4400");
    }

    @Test
    void closingTheLastCrossPosition_leavesTheCrossWalletToTheInsuranceFund() {
        // wallet 1000, loss 900: margin balance 100 against 250 (bracket 2 at 60 000): ratio 250 %
        MaintenanceMarginAccount account = account("1000", "0", null, cross("c1", Side.LONG, "1", "60900", "60000", "100"));
        CloseOutStep step = account.liquidate(account.openCross().get(0), "L");
        assertThat(step.realizedPnl()).isEqualByComparingTo("-900");
        assertThat(step.maintenance().insuranceFundContribution()).isEqualByComparingTo("100");
        assertThat(account.account().getBalance()).isEqualByComparingTo("0");
        assertThat(step.maintenance().marginRatioAfter()).isNull();
    }

    @Test
    void partialReductionOfAnIsolatedPosition_keepsItsLossInItsOwnWallet() {
        // i1 5 BTC at 60 000 (bought at 64 000), isolated margin 21 000: margin balance 1 000, maintenance 1 700 (bracket 3)
        MaintenanceMarginAccount account = account("30000", "0.1", null,
                isolated("i1", Side.LONG, "5", "64000", "60000", "21000"));
        PositionState p = account.openIsolated().get(0);
        BigDecimal crossWallet = account.getCrossWalletBalance();
        assertThat(account.reductionCanRestore(p, d("100"))).isTrue();
        CloseOutStep step = account.reduceOneBracket(p, "R");
        // keeps 250 000 of notional; fee 0.1 % of the 50 000 closed = 50: the pool's margin balance is 1 000 - 50
        assertThat(step.maintenance().liquidationFee()).isEqualByComparingTo("50");
        assertThat(p.isolatedMarginBalance()).isCloseTo(d("950"), within(d("1e-9")));
        assertThat(account.getCrossWalletBalance()).isCloseTo(crossWallet, within(d("1e-9")));
        assertThat(step.maintenance().insuranceFundContribution()).isEqualByComparingTo("0");
    }

    @Test
    void reductionCannotRestore_whenEvenTheLowestFloorLeavesThePoolAtItsRatio() {
        // margin balance 100 against 1 700: reduced to 50 000 it would still need 200 > 100
        MaintenanceMarginAccount account = account("20100", cross("p1", Side.LONG, "5", "64000", "60000", "20"));
        assertThat(account.reductionCanRestore(account.openCross().get(0), d("100"))).isFalse();
        // with 1 000 it can (case 15): 200 < 1 000
        MaintenanceMarginAccount enough = account("21000", cross("p1", Side.LONG, "5", "64000", "60000", "20"));
        assertThat(enough.reductionCanRestore(enough.openCross().get(0), d("100"))).isTrue();
    }

    @Test
    void lotSizeReduction_keepsWholeLotsBelowTheFloor() {
        MaintenanceMarginAccount account = account("21000", "0", "0.001", cross("p1", Side.LONG, "5", "64000", "60000", "20"));
        PositionState p = account.openCross().get(0);
        CloseOutStep step = account.reduceOneBracket(p, "R");
        // 250 000 / 60 000 = 4.1666…: 4 166 lots of 0.001 stay, 249 960 of notional, in bracket 2
        assertThat(p.getPosition().quantity()).isEqualByComparingTo("4.166");
        assertThat(p.getNotional()).isEqualByComparingTo("249960");
        assertThat(step.quantityClosed()).isEqualByComparingTo("0.834");
        assertThat(step.realizedPnl()).isEqualByComparingTo("-3336");
        assertThat(step.maintenance().bracketAfter()).isEqualTo(2);
    }
}
