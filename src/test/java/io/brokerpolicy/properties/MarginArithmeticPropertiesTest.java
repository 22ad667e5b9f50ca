package io.brokerpolicy.properties;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.brokerpolicy.audit.VerdictDocument;
import io.brokerpolicy.bundle.BundleReader;
import io.brokerpolicy.domain.AccountSnapshot;
import io.brokerpolicy.domain.AccountStatus;
import io.brokerpolicy.domain.CloseOutStep;
import io.brokerpolicy.domain.LiquidationPrice;
import io.brokerpolicy.domain.Position;
import io.brokerpolicy.domain.Side;
import io.brokerpolicy.domain.Verdict;
import io.brokerpolicy.domain.policy.PolicyNotFoundException;
import io.brokerpolicy.engine.CompiledPolicy;
import io.brokerpolicy.engine.PolicyCompiler;
import io.brokerpolicy.intake.Json;
import io.brokerpolicy.intake.SnapshotParser;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random valid snapshots (both example brokers, 0 to 8 positions, winners and losers, cross and isolated
 * margin, negative balances) through the real rules of this repository: the engine never throws anything
 * but {@link PolicyNotFoundException}, the verdict can always be written as JSON, and the margin invariants
 * of docs/domain.md hold. 1,000 tries.
 */
class MarginArithmeticPropertiesTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T00:00:00Z"), ZoneOffset.UTC);
    static final BigDecimal CENT = new BigDecimal("0.01");
    static CompiledPolicy policy;

    @BeforeContainer
    static void compileRepositoryBundle() {
        PolicyCompiler.Result result = new PolicyCompiler().compile(BundleReader.read(Path.of("rules"), Path.of("policies")), 1);
        assertThat(result.errors()).isEmpty();
        policy = result.policy();
    }

    @Property(tries = 1000)
    void anyValidSnapshot_getsAVerdictThatKeepsTheMarginInvariants(@ForAll long seed) throws Exception {
        AccountSnapshot snapshot = new SnapshotParser(CLOCK).parse(randomSnapshot(new Random(seed)), "");
        Verdict verdict;
        try {
            verdict = policy.evaluate(snapshot);
        } catch (PolicyNotFoundException noPolicy) {
            return;
        }
        assertThat(Json.MAPPER.writeValueAsString(VerdictDocument.of("id", CLOCK.instant(), verdict))).isNotEmpty();
        if (verdict.maintenanceMargin() != null) {
            // The exchange model decides by margin ratio, not margin level: a cross ratio at or above the
            // liquidation ratio is a stop-out (an isolated position can be one on its own, so not conversely).
            var m = verdict.maintenanceMargin();
            if (m.crossMarginRatio() != null && m.crossMarginRatio().compareTo(m.liquidationRatio()) >= 0) {
                assertThat(verdict.status()).isEqualTo(AccountStatus.STOP_OUT);
            }
            assertThat(verdict.thresholds().stopOutLevel()).isNull();
            return;
        }
        BigDecimal stopOut = verdict.thresholds().stopOutLevel();
        BigDecimal level = verdict.marginLevel();

        // STOP_OUT iff the level as received is at or below stop-out (levels are reported to the cent).
        if (verdict.status() == AccountStatus.STOP_OUT) {
            assertThat(level).isNotNull().isLessThanOrEqualTo(stopOut);
        } else if (level != null) {
            assertThat(level.add(CENT)).as("a level a cent or more below stop-out is a stop-out").isGreaterThan(stopOut);
        }
        if (!verdict.closeOuts().isEmpty()) {
            assertThat(verdict.status()).isEqualTo(AccountStatus.STOP_OUT);
            for (CloseOutStep step : verdict.closeOuts()) {
                assertThat(step.marginLevelBefore()).as("a position is closed only at or below stop-out")
                        .isLessThanOrEqualTo(stopOut);
            }
            var after = verdict.afterCloseOut();
            assertThat(after).isNotNull();
            boolean nothingOpenOrNoMargin = after.marginLevel() == null || after.usedMargin().signum() == 0;
            assertThat(nothingOpenOrNoMargin || after.marginLevel().compareTo(stopOut) > 0)
                    .as("after close-out the level is above stop-out, or no margin is used").isTrue();
            // Closing realises floating PnL into the balance: equity does not move (afterCloseOut is before any
            // negative-balance adjustment, which the verdict reports on its own).
            BigDecimal expected = verdict.equity();
            assertThat(after.equity().setScale(2, RoundingMode.HALF_UP).subtract(expected).abs())
                    .as("equity after close-out %s; verdict %s; snapshot %s", after,
                            Json.MAPPER.writeValueAsString(VerdictDocument.of("id", CLOCK.instant(), verdict)), snapshot)
                    .isLessThanOrEqualTo(CENT);
        } else if (verdict.status() != AccountStatus.STOP_OUT) {
            Map<String, Position> byId = snapshot.positions().stream()
                    .collect(Collectors.toMap(Position::positionId, Function.identity()));
            for (LiquidationPrice liquidation : verdict.liquidationPrices()) {
                Position p = byId.get(liquidation.positionId());
                if (liquidation.price() == null) {
                    continue;
                }
                if (p.side() == Side.LONG) {
                    assertThat(liquidation.price()).as("a long is liquidated below its mark").isLessThan(p.markPrice());
                } else {
                    assertThat(liquidation.price()).as("a short is liquidated above its mark").isGreaterThan(p.markPrice());
                }
            }
        }
    }

    static ObjectNode randomSnapshot(Random random) {
        boolean crypto = random.nextBoolean();
        ObjectNode s = HostileJson.NODES.objectNode();
        s.put("snapshotId", "prop-" + random.nextInt(Integer.MAX_VALUE));
        s.put("accountId", "A-" + random.nextInt(10_000));
        s.put("brokerId", crypto ? "nova-crypto" : "acme-fx");
        s.put("accountType", crypto || random.nextBoolean() ? "standard" : "pro");
        s.put("kycTier", crypto ? new String[]{"NONE", "BASIC", "FULL"}[random.nextInt(3)] : "FULL");
        s.put("jurisdiction", crypto ? "SC" : "EU");
        s.put("clientCategory", random.nextBoolean() ? "RETAIL" : "PROFESSIONAL");
        s.put("currency", crypto ? "USDT" : "USD");
        s.put("accountOpenedAt", "2025-01-10T00:00:00Z");
        s.put("asOf", "2026-11-21T14:03:11Z");
        s.put("balance", money(random, random.nextInt(10) == 0 ? -5_000 : 0, 100_000));
        ArrayNode positions = s.putArray("positions");
        for (int i = random.nextInt(9); i > 0; i--) {
            positions.add(position(random, "p" + i, crypto));
        }
        return s;
    }

    private static ObjectNode position(Random random, String id, boolean crypto) {
        String[] classes = {"FX_MAJOR", "FX_MINOR", "GOLD", "INDEX_MAJOR", "INDEX_MINOR", "COMMODITY", "EQUITY"};
        String assetClass = crypto ? "CRYPTO" : classes[random.nextInt(classes.length)];
        BigDecimal base = switch (assetClass) {
            case "CRYPTO" -> decimal(random, 1, 70_000, 2);
            case "FX_MAJOR", "FX_MINOR" -> decimal(random, 0.5, 2, 5);
            case "GOLD" -> decimal(random, 1_500, 3_000, 2);
            default -> decimal(random, 10, 20_000, 2);
        };
        BigDecimal move = BigDecimal.ONE.add(decimal(random, -0.3, 0.3, 4));
        ObjectNode p = HostileJson.NODES.objectNode();
        p.put("positionId", id);
        p.put("symbol", assetClass + "-" + id);
        p.put("assetClass", assetClass);
        p.put("side", random.nextBoolean() ? "LONG" : "SHORT");
        p.put("quantity", decimal(random, 0.01, 5, 2).max(new BigDecimal("0.01")).toPlainString());
        p.put("contractSize", assetClass.startsWith("FX") ? "100000" : assetClass.equals("GOLD") ? "100" : "1");
        p.put("openPrice", base.toPlainString());
        p.put("markPrice", base.multiply(move).setScale(base.scale(), RoundingMode.HALF_UP).max(
                BigDecimal.ONE.movePointLeft(base.scale())).toPlainString());
        p.put("leverage", Integer.toString(1 + random.nextInt(random.nextBoolean() ? 30 : 500)));
        if (random.nextBoolean()) {
            p.put("swap", money(random, -50, 50));
            p.put("fees", money(random, 0, 10));
        }
        if (crypto && random.nextInt(3) == 0) {
            p.put("marginMode", "ISOLATED");
            p.put("isolatedMargin", money(random, 1, 5_000));
        }
        if (crypto && random.nextBoolean()) {
            p.put("fundingRate", decimal(random, -0.003, 0.003, 6).toPlainString());
        }
        return p;
    }

    private static String money(Random random, double min, double max) {
        BigDecimal value = decimal(random, min, max, 2);
        return (value.signum() == 0 && min > 0 ? new BigDecimal("0.01") : value).toPlainString();
    }

    private static BigDecimal decimal(Random random, double min, double max, int scale) {
        return BigDecimal.valueOf(min + (max - min) * random.nextDouble()).setScale(scale, RoundingMode.HALF_UP);
    }
}
