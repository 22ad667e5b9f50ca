package io.brokerpolicy.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.brokerpolicy.persistence.ActiveVersionChangedException;
import io.brokerpolicy.persistence.PolicyVersionStore;
import io.brokerpolicy.testsupport.TempPolicyFolders;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A slow draft does not hold the lock that rollback, activation and the folder watcher need; and an activation
 * or rollback never acts on a version that stopped being the active one while it was prepared.
 */
@QuarkusTest
@TestProfile(TempPolicyFolders.class)
class LifecycleLockTest {

    private static final String ACME = "policies/acme-fx.yaml";
    private static final int SLOW_SCENARIOS = 8;
    private static final int POSITIONS = 60;

    @Inject
    PolicyVersionStore store;

    /**
     * A rule that updates the account while every pair of positions matches: each firing re-creates the pairs, so
     * every evaluation runs to its time limit. With several scenarios of many positions the draft's validation
     * takes many seconds, all of it outside the lifecycle lock.
     */
    private static Map<String, String> slowDraft() {
        String rule = """
                package brokerpolicy.slow

                rule "EveryPairAgain"
                    agenda-group "limits"
                when
                    $a : MarginAccount( )
                    $p : PositionState( )
                    $q : PositionState( )
                then
                    update( $a );
                end
                """;
        StringBuilder scenarios = new StringBuilder("scenarios:\n");
        for (int s = 0; s < SLOW_SCENARIOS; s++) {
            scenarios.append("  - name: slow ").append(s).append("\n    snapshot:\n      accountId: SLOW-").append(s)
                    .append("\n      brokerId: acme-fx\n      accountType: pro\n      kycTier: FULL\n      jurisdiction: EU\n")
                    .append("      clientCategory: PROFESSIONAL\n      currency: USD\n      asOf: \"2026-11-21T14:03:11Z\"\n")
                    .append("      balance: \"1000000\"\n      positions:\n");
            for (int p = 0; p < POSITIONS; p++) {
                scenarios.append("        - {positionId: p").append(p).append(", symbol: EURUSD, assetClass: FX_MAJOR,")
                        .append(" side: LONG, quantity: \"0.01\", contractSize: \"100000\", openPrice: \"1.2\",")
                        .append(" markPrice: \"1.2\", leverage: \"10\"}\n");
            }
            scenarios.append("    expect: {status: HEALTHY}\n");
        }
        return Map.of("rules/slow.drl", rule, "policies/scenarios/slow.yaml", scenarios.toString());
    }

    @Test
    void aRollbackIsAnsweredWhileASlowDraftIsBeingValidated() throws Exception {
        long base = PolicyLifecycleTest.activeVersion();
        long changed = PolicyLifecycleTest.storedDraft(ACME, PolicyLifecycleTest.original(ACME)
                .replace("    stopOutLevel: 30\n", "    stopOutLevel: 31\n"));
        PolicyLifecycleTest.activate(changed);

        CompletableFuture<Integer> draft = CompletableFuture.supplyAsync(
                () -> PolicyLifecycleTest.draft(slowDraft()).then().extract().statusCode());
        Thread.sleep(2_000); // the draft is being validated now
        long start = System.nanoTime();
        PolicyLifecycleTest.rollback().then().statusCode(200);
        long rollbackMillis = (System.nanoTime() - start) / 1_000_000;
        boolean draftStillRunning = !draft.isDone();

        assertThat(draft.get(120, TimeUnit.SECONDS)).isEqualTo(422); // its scenarios all hit the time limit
        assertThat(draftStillRunning).as("the draft was still being validated when the rollback was answered").isTrue();
        assertThat(rollbackMillis).as("rollback time while a draft validates").isLessThan(10_000);
        assertThat(PolicyLifecycleTest.activeVersion()).isEqualTo(base);
    }

    @Test
    void activationAndRollback_refuseToActOnAVersionThatIsNoLongerActive() {
        long base = PolicyLifecycleTest.activeVersion();
        long other = PolicyLifecycleTest.storedDraft(ACME, PolicyLifecycleTest.original(ACME)
                .replace("    stopOutLevel: 30\n", "    stopOutLevel: 32\n"));
        long stale = base + 1_000;

        assertThatThrownBy(() -> store.activateReplacing(other, stale, "test", "prepared while another was active"))
                .isInstanceOf(ActiveVersionChangedException.class)
                .hasMessageContaining("changed from " + stale + " to " + base);
        assertThat(PolicyLifecycleTest.activeVersion()).isEqualTo(base);

        PolicyLifecycleTest.activate(other);
        assertThatThrownBy(() -> store.rollback("test", stale))
                .isInstanceOf(ActiveVersionChangedException.class);
        assertThat(PolicyLifecycleTest.activeVersion()).isEqualTo(other);
        PolicyLifecycleTest.rollback().then().statusCode(200);
        assertThat(PolicyLifecycleTest.activeVersion()).isEqualTo(base);
    }
}
