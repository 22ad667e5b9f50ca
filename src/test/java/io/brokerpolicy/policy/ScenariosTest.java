package io.brokerpolicy.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.brokerpolicy.bundle.BundleReader;
import io.brokerpolicy.bundle.PolicyBundle;
import io.brokerpolicy.bundle.Scenario;
import io.brokerpolicy.bundle.ScenarioParser;
import io.brokerpolicy.domain.policy.BundleError;
import io.brokerpolicy.engine.CompiledPolicy;
import io.brokerpolicy.engine.PolicyCompiler;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The risk teams' scenarios in policies/scenarios run with the suite, one test each, as the command line's `test` runs them. */
class ScenariosTest {

    static PolicyBundle bundle;
    static CompiledPolicy policy;

    @BeforeAll
    static void compileRepositoryBundle() {
        bundle = BundleReader.read(Path.of("rules"), Path.of("policies"));
        PolicyCompiler.Result result = new PolicyCompiler().compile(bundle, 1);
        assertThat(result.errors()).isEmpty();
        policy = result.policy();
    }

    static Stream<Scenario> scenarios() {
        ScenarioParser.Result parsed = new ScenarioParser().parse(BundleReader.read(Path.of("rules"), Path.of("policies")).files());
        assertThat(parsed.errors()).isEmpty();
        assertThat(parsed.scenarios()).hasSizeGreaterThanOrEqualTo(8);
        return parsed.scenarios().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void scenarioPasses(Scenario scenario) {
        assertThat(new ScenarioRunner(Clock.systemUTC()).run(policy, List.of(scenario)).failures()).isEmpty();
    }

    @Test
    void mistakesInAScenarioFile_areReportedWithFileAndLine() {
        Map<String, String> files = new TreeMap<>(bundle.files());
        files.put("policies/scenarios/broken.yaml", """
                scenarios:
                  - name: typo in the expectation
                    snapshot: {accountId: X}
                    expect:
                      status: STOPPED_OUT
                      closeOut: [p1]
                """);
        List<BundleError> errors = new ScenarioParser().parse(files).errors();
        assertThat(errors).extracting(BundleError::file).containsOnly("policies/scenarios/broken.yaml");
        assertThat(errors).anySatisfy(e -> {
            assertThat(e.line()).isEqualTo(5);
            assertThat(e.message()).contains("'STOPPED_OUT' is not one of");
        });
        assertThat(errors).anySatisfy(e -> {
            assertThat(e.line()).isEqualTo(6);
            assertThat(e.message()).contains("unknown field 'closeOut'");
        });
    }

    @Test
    void aScenarioWhoseSnapshotIsInvalid_failsAndSaysWhichField() {
        Map<String, String> files = new TreeMap<>(bundle.files());
        files.put("policies/scenarios/bad-snapshot.yaml", """
                scenarios:
                  - name: no balance
                    snapshot: {accountId: X, brokerId: acme-fx, accountType: standard, clientCategory: RETAIL,
                               jurisdiction: EU, currency: USD, asOf: "2026-01-01T00:00:00Z", positions: []}
                    expect: {status: HEALTHY}
                """);
        BundleValidator.Validation validation = new BundleValidator(new PolicyCompiler(), Clock.systemUTC())
                .validate(new PolicyBundle(files), 0);
        assertThat(validation.valid()).isFalse();
        assertThat(validation.errors()).singleElement().satisfies(e -> {
            assertThat(e.file()).isEqualTo("policies/scenarios/bad-snapshot.yaml");
            assertThat(e.line()).isEqualTo(2);
            assertThat(e.message()).contains("scenario 'no balance' failed", "balance");
        });
    }
}
