package io.brokerpolicy.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.brokerpolicy.bundle.BundleReader;
import io.brokerpolicy.bundle.PolicyBookParser;
import io.brokerpolicy.bundle.PolicyBundle;
import io.brokerpolicy.bundle.ScenarioParser;
import io.brokerpolicy.domain.policy.BundleError;
import io.brokerpolicy.engine.PolicyCompiler;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The bounds a bundle's validation keeps: a deadline on checking and compiling, a deadline on the scenarios,
 * and YAML keys written twice refused at any depth, with file and line.
 */
class BundleBoundsTest {

    private static final Map<String, String> SHIPPED = BundleReader.read(Path.of("rules"), Path.of("policies")).files();

    @Test
    void compilingPastTheValidationDeadline_isARefusalThatSaysSo() {
        PolicyCompiler.Result result = new PolicyCompiler(10_000, 2_000, 1).compile(new PolicyBundle(SHIPPED), 1);
        assertThat(result.valid()).isFalse();
        assertThat(result.errors()).singleElement().satisfies(e -> {
            assertThat(e.file()).isEqualTo("rules/");
            assertThat(e.message()).contains("did not finish within 1 ms", "max-validation-millis");
        });
    }

    @Test
    void scenariosPastTheirDeadline_areARefusalThatSaysHowManyRan() {
        PolicyCompiler.Result compiled = new PolicyCompiler().compile(new PolicyBundle(SHIPPED), 1);
        assertThat(compiled.errors()).isEmpty();
        ScenarioRunner.Report report = new ScenarioRunner(Clock.systemUTC(), 0).run(compiled.policy());
        assertThat(report.passed()).isFalse();
        assertThat(report.failures()).singleElement().satisfies(e -> {
            assertThat(e.file()).startsWith("policies/scenarios/");
            assertThat(e.line()).isPositive();
            assertThat(e.message()).contains("did not finish within 0 ms", "max-scenario-run-millis", "0 of ");
        });
        BundleValidator.Validation validation = new BundleValidator(new PolicyCompiler(),
                new ScenarioRunner(Clock.systemUTC(), 0)).validate(new PolicyBundle(SHIPPED), 1);
        assertThat(validation.valid()).isFalse();
    }

    @Test
    void aKeyWrittenTwiceDeepInABrokerPolicy_isRefusedAtItsLine() {
        String acme = SHIPPED.get("policies/acme-fx.yaml");
        String twice = acme.replace("    stopOutLevel: 50\n", "    stopOutLevel: 50\n    stopOutLevel: 20\n");
        assertThat(twice).isNotEqualTo(acme);
        List<BundleError> errors = new PolicyBookParser().parse(with("policies/acme-fx.yaml", twice)).errors();
        int second = lineOf(twice, "stopOutLevel: 20");
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.file()).isEqualTo("policies/acme-fx.yaml");
            assertThat(e.line()).isEqualTo(second);
            assertThat(e.message()).contains("'stopOutLevel' is written twice", "first at line " + (second - 1));
        });
    }

    @Test
    void aKeyWrittenTwiceAtTheTopOrInAFlowMapping_isRefused() {
        assertThat(new PolicyBookParser().parse(with("policies/extra.yaml",
                "brokerId: x\nbrokerId: y\naccountTypes: {a: {marginCallLevel: 100, stopOutLevel: 50}}\n")).errors())
                .anySatisfy(e -> {
                    assertThat(e.file()).isEqualTo("policies/extra.yaml");
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.message()).contains("'brokerId' is written twice");
                });
        assertThat(new PolicyBookParser().parse(with("policies/regulators/esma.yaml",
                SHIPPED.get("policies/regulators/esma.yaml").replace("{FX_MAJOR: 30,", "{FX_MAJOR: 30, FX_MAJOR: 300,")))
                .errors()).anySatisfy(e -> {
                    assertThat(e.file()).isEqualTo("policies/regulators/esma.yaml");
                    assertThat(e.message()).contains("'FX_MAJOR' is written twice");
                });
    }

    @Test
    void aKeyWrittenTwiceInAScenarioSnapshot_isRefusedRatherThanTheLastWinning() {
        String scenarios = """
                scenarios:
                  - name: balance written twice
                    snapshot:
                      accountId: X
                      brokerId: acme-fx
                      accountType: standard
                      balance: "1000"
                      balance: "1"
                      positions:
                        - {positionId: p1, symbol: EURUSD, markPrice: "1.2", markPrice: "9"}
                    expect: {status: HEALTHY}
                """;
        List<BundleError> errors = new ScenarioParser().parse(with("policies/scenarios/twice.yaml", scenarios)).errors();
        assertThat(errors).extracting(BundleError::file).containsOnly("policies/scenarios/twice.yaml");
        assertThat(errors).anySatisfy(e -> {
            assertThat(e.line()).isEqualTo(8);
            assertThat(e.message()).contains("'balance' is written twice");
        });
        assertThat(errors).anySatisfy(e -> {
            assertThat(e.line()).isEqualTo(10);
            assertThat(e.message()).contains("'markPrice' is written twice");
        });
    }

    private static Map<String, String> with(String path, String content) {
        Map<String, String> files = new TreeMap<>(SHIPPED);
        files.put(path, content);
        return files;
    }

    private static int lineOf(String content, String text) {
        List<String> lines = content.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text + " not found");
    }
}
