package io.brokerpolicy.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.brokerpolicy.bundle.BundleReader;
import io.brokerpolicy.bundle.PolicyBookParser;
import io.brokerpolicy.domain.AssetClass;
import io.brokerpolicy.domain.policy.BundleError;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyBookParserTest {

    private static final Map<String, String> SHIPPED = BundleReader.read(Path.of("rules"), Path.of("policies")).files();

    private static Map<String, String> shippedWith(String path, String content) {
        Map<String, String> files = new HashMap<>(SHIPPED);
        files.put(path, content);
        return files;
    }

    private static String acmeWith(String from, String to) {
        String acme = SHIPPED.get("policies/acme-fx.yaml");
        assertThat(acme).contains(from);
        return acme.replace(from, to);
    }

    private static int lineOf(String content, String text) {
        String[] lines = content.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text + " not found");
    }

    @Test
    void shippedPolicies_parseWithoutErrors() {
        PolicyBookParser.Result result = new PolicyBookParser().parse(SHIPPED);
        assertThat(result.errors()).isEmpty();
        assertThat(result.book().brokers()).containsKeys("acme-fx", "nova-crypto");
        assertThat(result.book().regulatorsByJurisdiction()).containsKeys("EU", "UK", "AU", "US", "JP");
        assertThat(result.book().regulatorsByJurisdiction().get("EU").retailLeverageCaps())
                .containsEntry(AssetClass.FX_MAJOR, new java.math.BigDecimal("30"))
                .containsEntry(AssetClass.CRYPTO, new java.math.BigDecimal("2"));
    }

    @Test
    void euRetailStopOutBelow50_isRefusedNamingEsmasCloseOutRule() {
        String broken = acmeWith("    stopOutLevel: 50\n", "    stopOutLevel: 30\n");
        List<BundleError> errors = new PolicyBookParser().parse(shippedWith("policies/acme-fx.yaml", broken)).errors();
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.file()).isEqualTo("policies/acme-fx.yaml");
            assertThat(e.line()).isEqualTo(lineOf(broken, "stopOutLevel: 30"));
            assertThat(e.message()).contains("accountTypes.standard.stopOutLevel 30%", "ESMA",
                    "margin close-out rule", "50%");
        });
    }

    @Test
    void retailCapAboveTheRegulators_isRefused() {
        String broken = acmeWith("leverageCaps: {FX_MAJOR: 30, FX_MINOR: 20, GOLD: 20, INDEX_MAJOR: 20, COMMODITY: 10, INDEX_MINOR: 10, EQUITY: 5, CRYPTO: 2}\n  pro:",
                "leverageCaps: {FX_MAJOR: 50, FX_MINOR: 20, GOLD: 20, INDEX_MAJOR: 20, COMMODITY: 10, INDEX_MINOR: 10, EQUITY: 5, CRYPTO: 2}\n  pro:");
        List<BundleError> errors = new PolicyBookParser().parse(shippedWith("policies/acme-fx.yaml", broken)).errors();
        assertThat(errors).singleElement().satisfies(e ->
                assertThat(e.message()).contains("FX_MAJOR 50:1 breaks ESMA's retail leverage limit of 30:1"));
    }

    @Test
    void professionalAccountType_mayGoBelowTheRetailFloor() {
        assertThat(new PolicyBookParser().parse(SHIPPED).book().brokers().get("acme-fx").accountTypes().get("pro")
                .stopOutLevel()).isEqualByComparingTo("30");
    }

    @Test
    void negativeBalanceProtectionSwitchedOffForEuRetail_isRefused() {
        String broken = acmeWith("negativeBalanceProtection: true", "negativeBalanceProtection: false");
        List<BundleError> errors = new PolicyBookParser().parse(shippedWith("policies/acme-fx.yaml", broken)).errors();
        assertThat(errors).extracting(BundleError::message)
                .anySatisfy(m -> assertThat(m).contains("ESMA makes negative balance protection mandatory"));
    }

    @Test
    void unknownField_isAnErrorOnItsLine() {
        String broken = acmeWith("    marginCallLevel: 100\n", "    marginCallLevel: 100\n    stopOutLvl: 40\n");
        List<BundleError> errors = new PolicyBookParser().parse(shippedWith("policies/acme-fx.yaml", broken)).errors();
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(lineOf(broken, "stopOutLvl"));
            assertThat(e.message()).contains("unknown field 'stopOutLvl'");
        });
    }

    @Test
    void yamlSyntaxError_isReportedWithItsLine() {
        String broken = "brokerId: x\naccountTypes:\n  standard: {marginCallLevel: 100, stopOutLevel: 50\nname: y\n";
        List<BundleError> errors = new PolicyBookParser().parse(shippedWith("policies/x.yaml", broken)).errors();
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.file()).isEqualTo("policies/x.yaml");
            assertThat(e.line()).isBetween(3, 4);
            assertThat(e.message()).startsWith("YAML syntax");
        });
    }

    @Test
    void marginCallBelowStopOut_andNonNumbers_areRefused() {
        String broken = acmeWith("    marginCallLevel: 80\n", "    marginCallLevel: 20\n")
                .replace("maxNotional: 250000", "maxNotional: lots");
        List<BundleError> errors = new PolicyBookParser().parse(shippedWith("policies/acme-fx.yaml", broken)).errors();
        assertThat(errors).extracting(BundleError::message).anySatisfy(m -> assertThat(m).contains("below stopOutLevel"))
                .anySatisfy(m -> assertThat(m).contains("maxNotional must be a number, not 'lots'"));
    }

    @Test
    void billionLaughs_isRefusedNotExpanded() {
        StringBuilder yaml = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for (char c = 'b'; c <= 'k'; c++) {
            yaml.append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 10; i++) {
                yaml.append(i == 0 ? "" : ", ").append('*').append((char) (c - 1));
            }
            yaml.append("]\n");
        }
        List<BundleError> errors = new PolicyBookParser().parse(shippedWith("policies/laughs.yaml", yaml.toString())).errors();
        assertThat(errors).isNotEmpty().allSatisfy(e -> assertThat(e.file()).isEqualTo("policies/laughs.yaml"));
    }

    @Test
    void missingRequiredField_isReportedAtTheLineOfItsMapping() {
        String broken = acmeWith("    marginCallLevel: 100\n", "");
        List<BundleError> errors = new PolicyBookParser().parse(shippedWith("policies/acme-fx.yaml", broken)).errors();
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.message()).contains("accountTypes.standard: missing required field 'marginCallLevel'");
            assertThat(e.line()).isEqualTo(lineOf(broken, "description: Retail clients"));
        });
    }
}
