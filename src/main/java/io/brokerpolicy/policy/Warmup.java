package io.brokerpolicy.policy;

import io.brokerpolicy.domain.AccountSnapshot;
import io.brokerpolicy.domain.AssetClass;
import io.brokerpolicy.domain.ClientCategory;
import io.brokerpolicy.domain.Position;
import io.brokerpolicy.domain.Side;
import io.brokerpolicy.domain.policy.BrokerPolicy;
import io.brokerpolicy.engine.CompiledPolicy;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Evaluates synthetic snapshots for every broker and account type before the service reports ready:
 * the first evaluations in a JVM are slow (class loading, JIT), and a trading system should not pay
 * for them on the first real stop-out.
 */
final class Warmup {

    private static final Logger LOG = Logger.getLogger(Warmup.class);
    private static final int ROUNDS = 200;

    private Warmup() {
    }

    static void run(CompiledPolicy policy) {
        long start = System.nanoTime();
        int evaluations = 0;
        for (int round = 0; round < ROUNDS; round++) {
            for (BrokerPolicy broker : policy.book().brokers().values()) {
                String tier = broker.kycTiers().keySet().stream().sorted().findFirst().orElse(null);
                for (String type : broker.accountTypes().keySet()) {
                    policy.evaluate(snapshot(broker.brokerId(), type, tier, round));
                    evaluations++;
                }
            }
        }
        // The batch path (one session, facts deleted between snapshots) has code of its own to warm.
        List<AccountSnapshot> batch = new java.util.ArrayList<>();
        for (int round = 0; round < ROUNDS / 2; round++) {
            for (BrokerPolicy broker : policy.book().brokers().values()) {
                String tier = broker.kycTiers().keySet().stream().sorted().findFirst().orElse(null);
                for (String type : broker.accountTypes().keySet()) {
                    batch.add(snapshot(broker.brokerId(), type, tier, round));
                }
            }
        }
        policy.evaluateAll(batch);
        evaluations += batch.size();
        LOG.infof("warmed up with %d evaluations in %d ms", evaluations, (System.nanoTime() - start) / 1_000_000);
    }

    private static AccountSnapshot snapshot(String broker, String type, String tier, int round) {
        BigDecimal balance = BigDecimal.valueOf(50 + (round % 10) * 40);
        Position losing = new Position("w1", "WARM", AssetClass.FX_MAJOR, Side.LONG, BigDecimal.ONE, BigDecimal.valueOf(1000),
                new BigDecimal("1.10"), new BigDecimal("1.00"), BigDecimal.TEN, null, null, null, null, null, null);
        Position winning = new Position("w2", "WARM", AssetClass.INDEX_MAJOR, Side.SHORT, BigDecimal.ONE, BigDecimal.ONE,
                new BigDecimal("1010"), new BigDecimal("1000"), BigDecimal.TEN, null, null, null, null, null, null);
        return new AccountSnapshot("warmup", "warmup", broker, type, tier, "ZZ", ClientCategory.PROFESSIONAL, "USD",
                null, Instant.EPOCH, balance, List.of(losing, winning));
    }
}
