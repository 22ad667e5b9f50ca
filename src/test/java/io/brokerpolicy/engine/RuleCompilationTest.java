package io.brokerpolicy.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.brokerpolicy.bundle.BundleReader;
import io.brokerpolicy.bundle.PolicyBundle;
import io.brokerpolicy.domain.AccountSnapshot;
import io.brokerpolicy.domain.AccountStatus;
import io.brokerpolicy.domain.ClientCategory;
import io.brokerpolicy.domain.FiredRule;
import io.brokerpolicy.domain.Verdict;
import io.brokerpolicy.domain.policy.BundleError;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuleCompilationTest {

    private static final Map<String, String> SHIPPED = BundleReader.read(Path.of("rules"), Path.of("policies")).files();

    private static AccountSnapshot noPositions() {
        return new AccountSnapshot("s", "A-1", "acme-fx", "standard", "FULL", "EU", ClientCategory.RETAIL, "USD", null,
                Instant.parse("2026-11-21T00:00:00Z"), new BigDecimal("100"), List.of());
    }

    @Test
    void shippedBundle_compiles_andEveryFiredRuleNamesItsFile() {
        PolicyCompiler.Result result = new PolicyCompiler().compile(new PolicyBundle(SHIPPED), 3);
        assertThat(result.errors()).isEmpty();
        Verdict verdict = result.policy().evaluate(noPositions());
        assertThat(verdict.status()).isEqualTo(AccountStatus.HEALTHY);
        assertThat(verdict.policy().version()).isEqualTo(3);
        assertThat(verdict.firedRules()).containsExactly(new FiredRule("MarginLevelAboveMarginCall", "rules/margin.drl"));
    }

    @Test
    void drlSyntaxError_isReportedWithFileAndLine() {
        Map<String, String> files = new HashMap<>(SHIPPED);
        String broken = SHIPPED.get("rules/margin.drl").replace("MarginAccount( initialMarginLevel != null, initialMarginLevel <= $terms.stopOutLevel )",
                "MarginAccount( initialMarginLevel != null initialMarginLevel <= )");
        assertThat(broken).isNotEqualTo(SHIPPED.get("rules/margin.drl"));
        files.put("rules/margin.drl", broken);
        List<BundleError> errors = new PolicyCompiler().compile(new PolicyBundle(files), 1).errors();
        assertThat(errors).isNotEmpty().allSatisfy(e -> assertThat(e.file()).isEqualTo("rules/margin.drl"));
        int line = List.of(broken.split("\n")).indexOf("    MarginAccount( initialMarginLevel != null initialMarginLevel <= )") + 1;
        assertThat(errors).extracting(BundleError::line).contains(line);
    }

    @Test
    void unknownFactProperty_isACompileError() {
        Map<String, String> files = new HashMap<>(SHIPPED);
        files.put("rules/margin.drl", SHIPPED.get("rules/margin.drl").replace("initialMarginLevel <= $terms.stopOutLevel",
                "initialMarginLevel <= $terms.stopOutLevelTypo"));
        assertThat(new PolicyCompiler().compile(new PolicyBundle(files), 1).errors())
                .anySatisfy(e -> assertThat(e.file()).isEqualTo("rules/margin.drl"));
    }

    @Test
    void bundleWithoutStatusRules_refusesToDecide_neverHealthyBySilence() {
        Map<String, String> files = new HashMap<>(SHIPPED);
        files.remove("rules/margin.drl");
        CompiledPolicy policy = new PolicyCompiler().compile(new PolicyBundle(files), 1).policy();
        assertThatThrownBy(() -> policy.evaluate(noPositions()))
                .isInstanceOf(EvaluationException.class)
                .hasMessageContaining("exactly one status");
    }

    @Test
    void ruleThatNeverComesToRest_isStoppedAtTheFiringBound() {
        Map<String, String> files = new HashMap<>(SHIPPED);
        files.put("rules/loop.drl", """
                package brokerpolicy.loop
                import io.brokerpolicy.domain.CurrentMargin
                rule "UpdateForever"
                    agenda-group "limits"
                when
                    $c : CurrentMargin( )
                then
                    update( $c );
                end
                """);
        CompiledPolicy policy = new PolicyCompiler(500).compile(new PolicyBundle(files), 1).policy();
        assertThatThrownBy(() -> policy.evaluate(noPositions()))
                .isInstanceOf(EvaluationException.class)
                .hasMessageContaining("500 rule firings");
    }

    @Test
    void bundleHash_dependsOnPathsAndContents_notOnInsertionOrder() {
        PolicyBundle a = new PolicyBundle(Map.of("rules/a.drl", "x", "rules/b.drl", "y"));
        PolicyBundle b = new PolicyBundle(new java.util.TreeMap<>(Map.of("rules/b.drl", "y", "rules/a.drl", "x")));
        PolicyBundle moved = new PolicyBundle(Map.of("rules/a.drl", "xy", "rules/b.drl", ""));
        assertThat(a.hash()).isEqualTo(b.hash()).startsWith("sha256:");
        assertThat(moved.hash()).isNotEqualTo(a.hash());
    }
}
