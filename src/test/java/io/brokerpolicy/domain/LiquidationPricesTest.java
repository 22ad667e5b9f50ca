package io.brokerpolicy.domain;

import static io.brokerpolicy.domain.DomainFixtures.aPosition;
import static io.brokerpolicy.domain.DomainFixtures.aSnapshot;
import static io.brokerpolicy.domain.DomainFixtures.d;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class LiquidationPricesTest {

    @Test
    void seedExampleLong_liquidatesWhereTheLevelReachesStopOut_roundedTowardsTheMark() {
        // equity 850, used margin 200, 5000 units at 30:1: x = (0.5*200 - 850) / (5000 * (1 - 0.5/30)) = -0.152542...
        MarginAccount account = aSnapshot().balance("1000")
                .with(aPosition("p1").lots("0.05", "100000").open("1.2300").mark("1.2000").leverage("30")).account();
        List<LiquidationPrice> prices = LiquidationPrices.of(account, d("50"));
        assertThat(prices).singleElement().satisfies(p -> assertThat(p.price()).isEqualByComparingTo("1.0475"));
        assertThat(levelIfMarkedAt(account, "1.0475")).isGreaterThan(d("50"));
        assertThat(levelIfMarkedAt(account, "1.0474")).isLessThan(d("50"));
    }

    @Test
    void shortPosition_liquidatesAboveTheMark() {
        MarginAccount account = aSnapshot().balance("3000")
                .with(aPosition("p1").shortSide().assetClass(AssetClass.CRYPTO).lots("2", "1").open("3000").mark("2950")
                        .leverage("50").fees("1.50")).account();
        BigDecimal price = LiquidationPrices.of(account, d("50")).get(0).price();
        assertThat(price).isEqualByComparingTo("4454.70");
        assertThat(price).isGreaterThan(d("2950"));
    }

    @Test
    void aLongThatCannotReachStopOutAboveZero_hasNoLiquidationPrice() {
        MarginAccount account = aSnapshot().balance("100000")
                .with(aPosition("p1").lots("1", "1").open("100").mark("100").leverage("1")).account();
        assertThat(LiquidationPrices.of(account, d("50")).get(0).price()).isNull();
    }

    private static BigDecimal levelIfMarkedAt(MarginAccount account, String mark) {
        Position p = account.getPositions().get(0).getPosition();
        Position moved = new Position(p.positionId(), p.symbol(), p.assetClass(), p.side(), p.quantity(), p.contractSize(),
                p.openPrice(), d(mark), p.leverage(), p.swap(), p.fees(), p.openedAt(), p.marginMode(), p.isolatedMargin(),
                p.fundingRate());
        BigDecimal equity = account.getBalance().add(moved.floatingPnl());
        return MarginAccount.marginLevel(equity, moved.usedMargin());
    }
}
