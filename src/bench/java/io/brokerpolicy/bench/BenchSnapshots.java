package io.brokerpolicy.bench;

import io.brokerpolicy.domain.AccountSnapshot;
import io.brokerpolicy.domain.AssetClass;
import io.brokerpolicy.domain.ClientCategory;
import io.brokerpolicy.domain.Position;
import io.brokerpolicy.domain.Side;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Deterministic synthetic snapshots for the default policy (acme-fx standard and pro, with KYC tiers and
 * ESMA caps; some positions crypto CFDs): a fixed seed, a given number of positions each, and balances spread so that about a
 * third are healthy, a third on margin call and a third stopped out (some with negative equity).
 */
final class BenchSnapshots {

    private static final String[][] ACCOUNTS = {
            {"acme-fx", "standard", "FULL", "EU", "RETAIL"},
            {"acme-fx", "standard", "BASIC", "EU", "RETAIL"},
            {"acme-fx", "pro", "FULL", "EU", "PROFESSIONAL"},
            {"acme-fx", "pro", "BASIC", "EU", "PROFESSIONAL"},
    };
    private static final AssetClass[] FX_CLASSES = {AssetClass.FX_MAJOR, AssetClass.FX_MINOR, AssetClass.GOLD,
            AssetClass.INDEX_MAJOR, AssetClass.EQUITY};
    private static final int[] LEVERAGES = {2, 5, 10, 20, 30, 50};

    private BenchSnapshots() {
    }

    /** {@code count} snapshots; positions per snapshot is {@code positions}, or 1 to 20 when it is 0. */
    static List<AccountSnapshot> generate(int count, int positions, long seed) {
        Random random = new Random(seed);
        List<AccountSnapshot> snapshots = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            snapshots.add(snapshot("bench-" + seed + "-" + i, positions == 0 ? 1 + random.nextInt(20) : positions, random));
        }
        return snapshots;
    }

    private static AccountSnapshot snapshot(String id, int positionCount, Random random) {
        String[] account = ACCOUNTS[random.nextInt(ACCOUNTS.length)];
        boolean crypto = random.nextInt(5) == 0;
        List<Position> positions = new ArrayList<>(positionCount);
        BigDecimal pnl = BigDecimal.ZERO;
        BigDecimal margin = BigDecimal.ZERO;
        for (int p = 0; p < positionCount; p++) {
            Position position = position("p" + p, crypto, random);
            positions.add(position);
            pnl = pnl.add(position.floatingPnl());
            margin = margin.add(position.usedMargin());
        }
        // Target margin level 20%..400%: equity = level x used margin, balance = equity - floating PnL.
        BigDecimal level = BigDecimal.valueOf(20 + random.nextInt(380)).movePointLeft(2);
        BigDecimal balance = level.multiply(margin).subtract(pnl).setScale(2, RoundingMode.HALF_EVEN);
        return new AccountSnapshot(id, "ACC-" + random.nextInt(100_000), account[0], account[1], account[2], account[3],
                ClientCategory.valueOf(account[4]), "USD", Instant.parse("2025-01-10T00:00:00Z"),
                Instant.parse("2026-11-21T14:03:11Z"), balance, positions);
    }

    private static Position position(String id, boolean crypto, Random random) {
        AssetClass assetClass = crypto ? AssetClass.CRYPTO : FX_CLASSES[random.nextInt(FX_CLASSES.length)];
        // A crypto account here is an acme-fx account trading crypto CFDs (ESMA cap 2:1), not nova-crypto.
        Side side = random.nextBoolean() ? Side.LONG : Side.SHORT;
        BigDecimal open = crypto ? BigDecimal.valueOf(20_000 + random.nextInt(50_000)) : new BigDecimal("1.1000");
        int moveBasisPoints = random.nextInt(600) - 300;
        BigDecimal mark = open.add(open.multiply(BigDecimal.valueOf(moveBasisPoints)).movePointLeft(4))
                .setScale(crypto ? 2 : 4, RoundingMode.HALF_EVEN);
        BigDecimal quantity = crypto ? BigDecimal.valueOf(1 + random.nextInt(50)).movePointLeft(2)
                : BigDecimal.valueOf(1 + random.nextInt(100)).movePointLeft(2);
        BigDecimal contractSize = crypto ? BigDecimal.ONE : BigDecimal.valueOf(100_000);
        BigDecimal leverage = BigDecimal.valueOf(LEVERAGES[random.nextInt(LEVERAGES.length)]);
        return new Position(id, crypto ? "BTCUSD" : "EURUSD", assetClass, side, quantity, contractSize, open, mark,
                leverage, new BigDecimal("-0.50"), BigDecimal.ZERO,
                Instant.parse("2026-11-20T09:00:00Z").plusSeconds(random.nextInt(86_400)), null, null, null);
    }
}
