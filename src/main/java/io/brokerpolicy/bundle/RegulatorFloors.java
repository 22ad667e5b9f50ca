package io.brokerpolicy.bundle;

import io.brokerpolicy.domain.AssetClass;
import io.brokerpolicy.domain.policy.RegulatorPreset;
import java.math.BigDecimal;
import java.util.Map;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The regulator's retail floors a broker's retail account type may not break: a stop-out level below
 * the margin close-out rule, a leverage cap above the regulator's, or negative balance protection
 * switched off where it is mandatory. Each error names the regulator and the rule broken.
 */
final class RegulatorFloors {

    private RegulatorFloors() {
    }

    static void check(YamlTree yaml, RegulatorPreset regulator, String where, Map<String, Node> fields,
                      BigDecimal stopOut, Map<AssetClass, BigDecimal> caps, Boolean brokerProtection) {
        BigDecimal floor = regulator.retailMinStopOutLevel();
        if (floor != null && stopOut != null && stopOut.compareTo(floor) < 0) {
            yaml.error(fields.get("stopOutLevel"), where + ".stopOutLevel " + stopOut.toPlainString()
                    + "% breaks " + regulator.id() + "'s margin close-out rule for retail clients: positions must be"
                    + " closed out at " + floor.toPlainString() + "% of required margin at the latest");
        }
        checkLeverageCaps(yaml, regulator, where, fields, caps);
        if (regulator.retailNegativeBalanceProtection() && Boolean.FALSE.equals(brokerProtection)) {
            yaml.error(fields.get("stopOutLevel"), where + ": negativeBalanceProtection is false, but "
                    + regulator.id() + " makes negative balance protection mandatory for retail clients");
        }
    }

    static void checkLeverageCaps(YamlTree yaml, RegulatorPreset regulator, String where, Map<String, Node> fields,
                                  Map<AssetClass, BigDecimal> caps) {
        caps.forEach((cls, cap) -> {
            BigDecimal limit = regulator.retailLeverageCaps().get(cls);
            if (limit != null && cap.compareTo(limit) > 0) {
                yaml.error(fields.get("leverageCaps"), where + ".leverageCaps." + cls + " " + cap.toPlainString()
                        + ":1 breaks " + regulator.id() + "'s retail leverage limit of " + limit.toPlainString()
                        + ":1 for " + cls);
            }
        });
    }
}
