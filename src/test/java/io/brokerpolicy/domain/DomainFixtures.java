package io.brokerpolicy.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Test-data builders for domain objects: {@code aPosition().longSide().open("1.23").mark("1.20").build()}. */
final class DomainFixtures {

    private DomainFixtures() {
    }

    static PositionBuilder aPosition(String id) {
        return new PositionBuilder(id);
    }

    static SnapshotBuilder aSnapshot() {
        return new SnapshotBuilder();
    }

    static BigDecimal d(String value) {
        return new BigDecimal(value);
    }

    static final class PositionBuilder {
        private final String id;
        private AssetClass assetClass = AssetClass.FX_MAJOR;
        private Side side = Side.LONG;
        private BigDecimal quantity = d("1");
        private BigDecimal contractSize = d("1");
        private BigDecimal open = d("100");
        private BigDecimal mark = d("100");
        private BigDecimal leverage = d("10");
        private BigDecimal swap;
        private BigDecimal fees;
        private Instant openedAt = Instant.parse("2026-11-20T09:00:00Z");
        private MarginMode mode;
        private BigDecimal isolatedMargin;

        PositionBuilder(String id) {
            this.id = id;
        }

        PositionBuilder shortSide() {
            side = Side.SHORT;
            return this;
        }

        PositionBuilder assetClass(AssetClass cls) {
            assetClass = cls;
            return this;
        }

        PositionBuilder lots(String q, String size) {
            quantity = d(q);
            contractSize = d(size);
            return this;
        }

        PositionBuilder open(String price) {
            open = d(price);
            return this;
        }

        PositionBuilder mark(String price) {
            mark = d(price);
            return this;
        }

        PositionBuilder leverage(String lev) {
            leverage = d(lev);
            return this;
        }

        PositionBuilder swap(String s) {
            swap = d(s);
            return this;
        }

        PositionBuilder fees(String f) {
            fees = d(f);
            return this;
        }

        PositionBuilder openedAt(String instant) {
            openedAt = instant == null ? null : Instant.parse(instant);
            return this;
        }

        PositionBuilder isolated(String margin) {
            mode = MarginMode.ISOLATED;
            isolatedMargin = d(margin);
            return this;
        }

        Position build() {
            return new Position(id, "SYM", assetClass, side, quantity, contractSize, open, mark, leverage, swap, fees,
                    openedAt, mode, isolatedMargin, null);
        }
    }

    static final class SnapshotBuilder {
        private BigDecimal balance = d("1000");
        private final List<Position> positions = new ArrayList<>();

        SnapshotBuilder balance(String b) {
            balance = d(b);
            return this;
        }

        SnapshotBuilder with(PositionBuilder position) {
            positions.add(position.build());
            return this;
        }

        AccountSnapshot build() {
            return new AccountSnapshot("s-1", "A-1", "acme-fx", "standard", "FULL", "EU", ClientCategory.RETAIL, "USD",
                    null, Instant.parse("2026-11-21T14:03:11Z"), balance, positions);
        }

        MarginAccount account() {
            AccountSnapshot snapshot = build();
            return new MarginAccount(snapshot, snapshot.positions().stream().map(p -> new PositionState(p, null)).toList());
        }
    }
}
