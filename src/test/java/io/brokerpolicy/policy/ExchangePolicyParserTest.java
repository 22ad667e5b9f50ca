package io.brokerpolicy.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.brokerpolicy.bundle.PolicyBookParser;
import io.brokerpolicy.domain.LiquidationStyle;
import io.brokerpolicy.domain.MarginModel;
import io.brokerpolicy.domain.policy.BrokerPolicy;
import io.brokerpolicy.domain.policy.BundleError;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The exchange fields of a broker policy: each problem with its file and line, unknown fields refused. */
class ExchangePolicyParserTest {

    private static final String FILE = "policies/x.yaml";

    private static String policy(String maintenance, String accountType, String extra) {
        return """
                brokerId: x
                jurisdiction: SC
                marginModel: MAINTENANCE_MARGIN
                maintenanceMargin:
                %s
                accountTypes:
                  standard:
                %s
                %s
                """.formatted(maintenance.indent(2).stripTrailing(), accountType.indent(4).stripTrailing(), extra);
    }

    private static final String BRACKETS = """
            liquidation: PARTIAL
            fundingIntervalHours: 8
            leverageBrackets:
              default:
                - {notionalFloor: 0, notionalCap: 50000, maxLeverage: 125, maintenanceMarginPercent: 0.40, maintenanceAmount: 0}
                - {notionalFloor: 50000, maxLeverage: 100, maintenanceMarginPercent: 0.50, maintenanceAmount: 50}""";
    private static final String RATIOS = "marginCallRatio: 80\nliquidationRatio: 100";

    private static PolicyBookParser.Result parse(String yaml) {
        return new PolicyBookParser().parse(Map.of(FILE, yaml));
    }

    private static List<BundleError> errors(String yaml) {
        List<BundleError> errors = parse(yaml).errors();
        assertThat(errors).isNotEmpty().allSatisfy(e -> assertThat(e.file()).isEqualTo(FILE));
        return errors;
    }

    @Test
    void aValidExchangePolicy_isRead() {
        PolicyBookParser.Result result = parse(policy(BRACKETS, RATIOS, """
                accountAgeCaps:
                  - {rule: young, youngerThanDays: 60, leverageCaps: {CRYPTO: 20}}
                volatilityWindows:
                  - {rule: cpi, event: US CPI, from: "2026-11-13T13:00:00Z", to: "2026-11-13T15:00:00Z", leverageCaps: {CRYPTO: 10}}
                """));
        assertThat(result.errors()).isEmpty();
        BrokerPolicy broker = result.book().brokers().get("x");
        assertThat(broker.marginModel()).isEqualTo(MarginModel.MAINTENANCE_MARGIN);
        assertThat(broker.maintenanceMargin().liquidation()).isEqualTo(LiquidationStyle.PARTIAL);
        assertThat(broker.maintenanceMargin().leverageBrackets().defaultTable().brackets()).hasSize(2);
        assertThat(broker.accountTypes().get("standard").liquidationRatio()).isEqualByComparingTo("100");
        assertThat(broker.accountAgeCaps()).hasSize(1);
        assertThat(broker.volatilityWindows()).hasSize(1);
    }

    @Test
    void aLiquidationFee_andLotSizes_areRead_andAFeeLeftOutIsZero() {
        PolicyBookParser.Result result = parse(policy(BRACKETS.replace("liquidation: PARTIAL",
                "liquidation: PARTIAL\nliquidationFeePercent: 0.5\nquantitySteps: {BTCUSDT: 0.001, DOGEUSDT: 1}"), RATIOS, ""));
        assertThat(result.errors()).isEmpty();
        var maintenance = result.book().brokers().get("x").maintenanceMargin();
        assertThat(maintenance.liquidationFeePercent()).isEqualByComparingTo("0.5");
        assertThat(maintenance.quantitySteps()).containsEntry("BTCUSDT", new java.math.BigDecimal("0.001"))
                .containsEntry("DOGEUSDT", java.math.BigDecimal.ONE);
        var none = parse(policy(BRACKETS, RATIOS, "")).book().brokers().get("x").maintenanceMargin();
        assertThat(none.liquidationFeePercent()).isEqualByComparingTo("0");
        assertThat(none.quantitySteps()).isEmpty();
        assertThat(parse(policy(BRACKETS.replace("liquidation: PARTIAL", "liquidation: PARTIAL\nliquidationFeePercent: 0"),
                RATIOS, "")).errors()).isEmpty();
    }

    @Test
    void aNegativeOrHugeLiquidationFee_andANonNumber_areRefusedOnTheirLine() {
        for (String fee : List.of("-0.1", "12", "lots")) {
            List<BundleError> errors = errors(policy(BRACKETS.replace("liquidation: PARTIAL",
                    "liquidation: PARTIAL\nliquidationFeePercent: " + fee), RATIOS, ""));
            assertThat(errors).singleElement().satisfies(e -> {
                assertThat(e.line()).isEqualTo(6);
                assertThat(e.message()).contains("maintenanceMargin.liquidationFeePercent");
            });
        }
    }

    @Test
    void aLotSizeOfZero_orANegativeOrNonNumericOne_isRefusedWithItsSymbol() {
        List<BundleError> errors = errors(policy(BRACKETS.replace("liquidation: PARTIAL",
                "liquidation: PARTIAL\nquantitySteps: {BTCUSDT: 0, ETHUSDT: -1, SOLUSDT: tiny, XRPUSDT: [1]}"), RATIOS, ""));
        assertThat(errors).extracting(BundleError::message)
                .anySatisfy(m -> assertThat(m).contains("quantitySteps.BTCUSDT must be a lot size above 0, not 0"))
                .anySatisfy(m -> assertThat(m).contains("quantitySteps.ETHUSDT must be a lot size above 0, not -1"))
                .anySatisfy(m -> assertThat(m).contains("quantitySteps.SOLUSDT must be a number"))
                .anySatisfy(m -> assertThat(m).contains("quantitySteps.XRPUSDT must be a number"));
        assertThat(errors).allSatisfy(e -> assertThat(e.line()).isEqualTo(6));
    }

    @Test
    void aMaintenanceAmountThatMakesTheMarginJump_isRefusedWithTheAmountItMustBe() {
        List<BundleError> errors = errors(policy(BRACKETS.replace("maintenanceAmount: 50}", "maintenanceAmount: 40}"), RATIOS, ""));
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(10);
            assertThat(e.message()).contains("[bracket 2].maintenanceAmount must be 50, not 40");
        });
    }

    @Test
    void aGapBetweenBrackets_risingLeverage_andAFallingRate_areEachReported() {
        String bad = BRACKETS.replace("- {notionalFloor: 50000, maxLeverage: 100, maintenanceMarginPercent: 0.50, maintenanceAmount: 50}",
                "- {notionalFloor: 60000, maxLeverage: 150, maintenanceMarginPercent: 0.30, maintenanceAmount: 0}");
        assertThat(errors(policy(bad, RATIOS, ""))).extracting(BundleError::message).anySatisfy(m ->
                        assertThat(m).contains("notionalFloor 60000 must equal the cap of bracket 1"))
                .anySatisfy(m -> assertThat(m).contains("maxLeverage 150 is above bracket 1's 125"))
                .anySatisfy(m -> assertThat(m).contains("maintenanceMarginPercent 0.30 is below bracket 1's 0.40"));
    }

    @Test
    void anUnknownFieldInABracket_isRefusedOnItsLine() {
        List<BundleError> errors = errors(policy(BRACKETS.replace("maintenanceAmount: 0}", "maintenanceAmount: 0, mmr: 1}"), RATIOS, ""));
        assertThat(errors).anySatisfy(e -> {
            assertThat(e.line()).isEqualTo(9);
            assertThat(e.message()).contains("unknown field 'mmr'");
        });
    }

    @Test
    void tablesWithoutDefault_areRefused() {
        assertThat(errors(policy(BRACKETS.replace("default:", "BTCUSDT:"), RATIOS, "")))
                .anySatisfy(e -> assertThat(e.message()).contains("must have a 'default' table"));
    }

    @Test
    void levelsUnderTheExchangeModel_andACallRatioAboveLiquidation_areRefused() {
        assertThat(errors(policy(BRACKETS, "marginCallRatio: 100\nliquidationRatio: 90\nstopOutLevel: 50", "")))
                .extracting(BundleError::message)
                .anySatisfy(m -> assertThat(m).contains("stopOutLevel is a margin level"))
                .anySatisfy(m -> assertThat(m).contains("marginCallRatio 100% is above liquidationRatio 90%"));
    }

    @Test
    void ratiosUnderTheMarginLevelModel_areRefused() {
        String yaml = """
                brokerId: y
                accountTypes:
                  standard: {marginCallLevel: 100, stopOutLevel: 50, liquidationRatio: 100}
                """;
        assertThat(errors(yaml)).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(3);
            assertThat(e.message()).contains("liquidationRatio is only used with marginModel MAINTENANCE_MARGIN");
        });
    }

    @Test
    void aWindowEndingBeforeItStarts_andAnUnknownWindowField_areRefused() {
        List<BundleError> errors = errors(policy(BRACKETS, RATIOS, """
                volatilityWindows:
                  - rule: cpi
                    event: US CPI
                    from: 2026-11-13T15:00:00Z
                    to: 2026-11-13T13:00:00Z
                    leverageCaps: {CRYPTO: 10}
                    tighten: true
                """));
        assertThat(errors).anySatisfy(e -> assertThat(e.message()).contains(".to 2026-11-13T13:00:00Z must be after from"))
                .anySatisfy(e -> {
                    assertThat(e.line()).isEqualTo(21);
                    assertThat(e.message()).contains("unknown field 'tighten'");
                });
    }

    @Test
    void anAgeCapWithoutWholeDays_isRefused() {
        assertThat(errors(policy(BRACKETS, RATIOS, """
                accountAgeCaps:
                  - {rule: young, youngerThanDays: 59.5, leverageCaps: {CRYPTO: 20}}
                """))).singleElement().satisfies(e -> assertThat(e.message()).contains("must be a whole number"));
    }

    @Test
    void theExchangeModelWithoutItsBlock_andTheBlockWithoutTheModel_areRefused() {
        assertThat(errors("brokerId: z\nmarginModel: MAINTENANCE_MARGIN\naccountTypes:\n  standard: {marginCallRatio: 80, liquidationRatio: 100}\n"))
                .anySatisfy(e -> assertThat(e.message()).contains("needs a 'maintenanceMargin' block"));
        assertThat(errors("brokerId: z\nmaintenanceMargin: {liquidation: FULL}\naccountTypes:\n  standard: {marginCallLevel: 100, stopOutLevel: 50}\n"))
                .anySatisfy(e -> assertThat(e.message()).contains("only used with marginModel MAINTENANCE_MARGIN"));
    }

    @Test
    void theRepositoryPolicies_stillParse() throws Exception {
        java.util.Map<String, String> files = new java.util.TreeMap<>();
        try (var walk = java.nio.file.Files.walk(java.nio.file.Path.of("policies"))) {
            for (var p : walk.filter(java.nio.file.Files::isRegularFile).toList()) {
                files.put(p.toString().replace('\\', '/'), java.nio.file.Files.readString(p));
            }
        }
        assertThat(new PolicyBookParser().parse(files).errors()).isEmpty();
    }
}
