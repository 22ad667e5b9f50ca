package io.brokerpolicy.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.brokerpolicy.bundle.BundleReader;
import io.brokerpolicy.bundle.PolicyBundle;
import io.brokerpolicy.domain.AccountSnapshot;
import io.brokerpolicy.domain.AssetClass;
import io.brokerpolicy.domain.ClientCategory;
import io.brokerpolicy.domain.CloseOutStep;
import io.brokerpolicy.domain.Position;
import io.brokerpolicy.domain.Side;
import io.brokerpolicy.domain.Verdict;
import io.brokerpolicy.domain.policy.BundleError;
import io.brokerpolicy.policy.BundleValidator;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * What a risk team changes with files alone: a new rule reading a parameter of its policy and reporting a code
 * of its own, with a scenario beside it; a new close-out order in YAML. Misspelt names on either side are
 * refused with file and line.
 */
class GrowRulesWithoutJavaTest {

    private static final Map<String, String> SHIPPED = BundleReader.read(Path.of("rules"), Path.of("policies")).files();
    private static final Path EXAMPLE = Path.of("examples/concentration");
    private static final String ACME = "policies/acme-fx.yaml";

    private static String example(String file) {
        try {
            return Files.readString(EXAMPLE.resolve(file));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Map<String, String> withConcentrationRule() {
        Map<String, String> files = new TreeMap<>(SHIPPED);
        files.put("rules/concentration.drl", example("concentration.drl"));
        files.put(ACME, SHIPPED.get(ACME) + example("acme-fx-concentration.yaml"));
        files.put("policies/scenarios/concentration.yaml", example("concentration-scenario.yaml"));
        return files;
    }

    private static AccountSnapshot snapshot(String broker, String type, String balance, Position... positions) {
        return new AccountSnapshot("s", "A-1", broker, type, "FULL", "EU", ClientCategory.PROFESSIONAL, "USD", null,
                Instant.parse("2026-11-21T14:03:11Z"), new BigDecimal(balance), List.of(positions));
    }

    private static Position eurusd(String id, String lots, String open, String mark, String openedAt) {
        return new Position(id, "EURUSD", AssetClass.FX_MAJOR, Side.LONG, new BigDecimal(lots), new BigDecimal("100000"),
                new BigDecimal(open), new BigDecimal(mark), new BigDecimal("200"), null, null,
                openedAt == null ? null : Instant.parse(openedAt), null, null, null);
    }

    @Test
    void aConcentrationRule_withItsParameterCodeAndScenario_validates_andReportsTheTeamsOwnCode() {
        BundleValidator.Validation validation = new BundleValidator(new PolicyCompiler(), Clock.systemUTC())
                .validate(new PolicyBundle(withConcentrationRule()), 1);
        assertThat(validation.errors()).isEmpty();
        assertThat(validation.scenariosRun()).isGreaterThan(1);

        Verdict verdict = validation.policy().evaluate(snapshot("acme-fx", "pro", "5000",
                eurusd("big", "5", "1.2", "1.2", null), eurusd("small", "0.1", "1.2", "1.2", null)));
        assertThat(verdict.violations()).singleElement().satisfies(v -> {
            assertThat(v.code()).isEqualTo("CONCENTRATION_LIMIT_EXCEEDED");
            assertThat(v.positionId()).isEqualTo("big");
            assertThat(v.limit()).isEqualByComparingTo("500000");
            assertThat(v.actual()).isEqualByComparingTo("600000");
            assertThat(v.rule()).isEqualTo("SinglePositionAboveConcentrationLimit");
        });
        assertThat(verdict.explanation()).contains("CONCENTRATION_LIMIT_EXCEEDED on position big: a single position's"
                + " notional is above the broker's limit for the account's equity (600000.00 USD against a limit of"
                + " 500000.00 USD); limit of 10000% of equity.");
        assertThat(verdict.firedRules()).contains(new io.brokerpolicy.domain.FiredRule(
                "SinglePositionAboveConcentrationLimit", "rules/concentration.drl"));
    }

    @Test
    void aPolicyThatDoesNotDeclareTheParameter_switchesTheRuleOffForItsAccounts() {
        Map<String, String> files = withConcentrationRule();
        files.remove("policies/scenarios/concentration.yaml");
        // nova-crypto declares neither the parameter nor the code: its accounts are not judged by the rule
        PolicyCompiler.Result result = new PolicyCompiler().compile(new PolicyBundle(files), 1);
        assertThat(result.errors()).isEmpty();
        Verdict verdict = result.policy().evaluate(new AccountSnapshot("s", "A-2", "nova-crypto", "standard", "FULL",
                "SC", ClientCategory.RETAIL, "USDT", Instant.parse("2025-01-01T00:00:00Z"),
                Instant.parse("2026-11-21T14:03:11Z"), new BigDecimal("5000"), List.of(new Position("big", "BTCUSDT",
                AssetClass.CRYPTO, Side.LONG, new BigDecimal("2"), BigDecimal.ONE, new BigDecimal("60000"),
                new BigDecimal("60000"), new BigDecimal("50"), null, null, null, null, null, null))));
        assertThat(verdict.violations()).isEmpty();
    }

    @Test
    void aParameterNoPolicyDeclares_isRefusedAtTheRule() {
        Map<String, String> files = withConcentrationRule();
        files.put(ACME, SHIPPED.get(ACME) + example("acme-fx-concentration.yaml")
                .replace("concentrationLimitPercent:", "concentrationLimitPct:"));
        List<BundleError> errors = new PolicyCompiler().compile(new PolicyBundle(files), 1).errors();
        assertThat(errors).anySatisfy(e -> {
            assertThat(e.file()).isEqualTo("rules/concentration.drl");
            assertThat(e.line()).isEqualTo(9);
            assertThat(e.message()).contains("parameter \"concentrationLimitPercent\" is not declared by any policy",
                    "concentrationLimitPct");
        });
    }

    @Test
    void aDeclaredParameterOrCodeNoRuleUses_isRefusedAtItsLineInThePolicy() {
        Map<String, String> files = new TreeMap<>(SHIPPED);
        String acme = SHIPPED.get(ACME) + example("acme-fx-concentration.yaml");
        files.put(ACME, acme);
        List<BundleError> errors = new PolicyCompiler().compile(new PolicyBundle(files), 1).errors();
        int parameterLine = lineOf(acme, "concentrationLimitPercent: 10000");
        int codeLine = lineOf(acme, "CONCENTRATION_LIMIT_EXCEEDED:");
        assertThat(errors).anySatisfy(e -> {
            assertThat(e.file()).isEqualTo(ACME);
            assertThat(e.line()).isEqualTo(parameterLine);
            assertThat(e.message()).contains("parameter 'concentrationLimitPercent' is declared but no rule reads it");
        });
        assertThat(errors).anySatisfy(e -> {
            assertThat(e.file()).isEqualTo(ACME);
            assertThat(e.line()).isEqualTo(codeLine);
            assertThat(e.message()).contains("violation code 'CONCENTRATION_LIMIT_EXCEEDED' is declared but no rule");
        });
    }

    @Test
    void aViolationCodeNoPolicyDeclares_isRefusedAtTheRule() {
        Map<String, String> files = withConcentrationRule();
        files.put("rules/concentration.drl", example("concentration.drl")
                .replace("\"CONCENTRATION_LIMIT_EXCEEDED\"", "\"CONCENTRATION_LIMIT_EXCEDED\""));
        List<BundleError> errors = new PolicyCompiler().compile(new PolicyBundle(files), 1).errors();
        assertThat(errors).anySatisfy(e -> {
            assertThat(e.file()).isEqualTo("rules/concentration.drl");
            assertThat(e.line()).isEqualTo(13);
            assertThat(e.message()).contains("violation code \"CONCENTRATION_LIMIT_EXCEDED\" is neither built in");
        });
    }

    @Test
    void oldestPositionFirst_isAnOrderWrittenInYamlAlone() {
        Map<String, String> files = new TreeMap<>(SHIPPED);
        String acme = SHIPPED.get(ACME);
        String oldestFirst = acme.replaceAll("(?s)closeOutOrder:\\n.*?\\n  sortBy: \\[[^\\]]*\\]",
                "closeOutOrder:\n  description: oldest position first\n  sortBy: [openedAt ascending]");
        assertThat(oldestFirst).isNotEqualTo(acme).contains("oldest position first");
        files.put(ACME, oldestFirst);
        // the scenarios expect the largest loss first; this policy closes the oldest position first
        files.keySet().removeIf(p -> p.startsWith("policies/scenarios/"));
        PolicyCompiler.Result result = new PolicyCompiler().compile(new PolicyBundle(files), 1);
        assertThat(result.errors()).isEmpty();

        // equity 20 against used margin 180: stopped out; closing the oldest (a small loss) is not enough
        Verdict verdict = result.policy().evaluate(snapshot("acme-fx", "pro", "100",
                eurusd("new-big-loss", "0.1", "1.2100", "1.2050", "2026-11-20T12:00:00Z"),
                eurusd("old-small-loss", "0.1", "1.2010", "1.2000", "2026-11-19T09:00:00Z"),
                eurusd("middle", "0.1", "1.2020", "1.2000", "2026-11-20T09:00:00Z")));
        assertThat(verdict.closeOuts()).extracting(CloseOutStep::positionId)
                .startsWith("old-small-loss", "middle");
        assertThat(verdict.explanation()).contains("oldest position first");
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
