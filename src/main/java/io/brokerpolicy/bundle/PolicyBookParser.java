package io.brokerpolicy.bundle;

import io.brokerpolicy.domain.AssetClass;
import io.brokerpolicy.domain.ClientCategory;
import io.brokerpolicy.domain.CloseOutOrder;
import io.brokerpolicy.domain.MarginModel;
import io.brokerpolicy.domain.policy.AccountAgeCap;
import io.brokerpolicy.domain.policy.AccountTypePolicy;
import io.brokerpolicy.domain.policy.BrokerPolicy;
import io.brokerpolicy.domain.policy.BundleError;
import io.brokerpolicy.domain.policy.KycTierPolicy;
import io.brokerpolicy.domain.policy.MaintenanceMarginPolicy;
import io.brokerpolicy.domain.policy.PolicyBook;
import io.brokerpolicy.domain.policy.RegulatorPreset;
import io.brokerpolicy.domain.policy.VolatilityWindow;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads the policy files of a bundle into a {@link PolicyBook}: broker policies from
 * {@code policies/*.yaml}, regulator presets from {@code policies/regulators/*.yaml} (scenarios are not
 * policy parameters and are skipped). Then checks every broker policy against the floors of its
 * jurisdiction's regulator. Every problem is a {@link BundleError} with file and line; a book is only
 * returned when there is none.
 */
public final class PolicyBookParser {

    public static final String POLICIES_PREFIX = "policies/";
    public static final String REGULATORS_PREFIX = "policies/regulators/";
    public static final String SCENARIOS_PREFIX = "policies/scenarios/";

    private static final Set<String> BROKER_FIELDS = Set.of("brokerId", "name", "jurisdiction", "closeOutOrder",
            "negativeBalanceProtection", "accountTypes", "kycTiers", "marginModel", "maintenanceMargin",
            "accountAgeCaps", "volatilityWindows", "parameters", "violationCodes");
    private static final Set<String> ACCOUNT_TYPE_FIELDS = Set.of("clientCategory", "marginCallLevel", "stopOutLevel",
            "marginCallRatio", "liquidationRatio", "leverageCaps", "description");
    private static final Set<String> KYC_TIER_FIELDS = Set.of("leverageCaps", "maxNotional", "description");
    private static final Set<String> REGULATOR_FIELDS = Set.of("regulator", "name", "jurisdictions", "retail");
    private static final Set<String> RETAIL_FIELDS = Set.of("leverageCaps", "minStopOutLevel",
            "negativeBalanceProtection", "basis");
    private static final BigDecimal MAX_LEVEL = BigDecimal.valueOf(10_000);
    private static final BigDecimal MAX_LEVERAGE = BigDecimal.valueOf(1_000);

    /**
     * The parsed book (null when there were errors) and the errors; and every parameter and violation code a broker
     * policy declares, where, for the check of the rules that use them.
     */
    public record Result(PolicyBook book, List<BundleError> errors, List<Declared> parameters,
                         List<Declared> violationCodes) {

        public Result(PolicyBook book, List<BundleError> errors) {
            this(book, errors, List.of(), List.of());
        }

        public boolean valid() {
            return errors.isEmpty();
        }
    }

    /** A name a broker policy declares for its rules, and where. */
    public record Declared(String name, String file, int line) {
    }

    public static boolean isPolicyFile(String path) {
        return path.startsWith(POLICIES_PREFIX) && !path.startsWith(SCENARIOS_PREFIX)
                && (path.endsWith(".yaml") || path.endsWith(".yml"));
    }

    public Result parse(Map<String, String> files) {
        List<BundleError> errors = new ArrayList<>();
        Map<String, RegulatorPreset> regulatorsById = new TreeMap<>();
        Map<String, RegulatorPreset> byJurisdiction = new HashMap<>();
        Map<String, BrokerPolicy> brokers = new TreeMap<>();
        Map<String, MappingNode> brokerRoots = new LinkedHashMap<>();
        List<Declared> parameters = new ArrayList<>();
        List<Declared> codes = new ArrayList<>();

        for (Map.Entry<String, String> file : new TreeMap<>(files).entrySet()) {
            String path = file.getKey();
            if (!isPolicyFile(path)) {
                continue;
            }
            YamlTree yaml = new YamlTree(path, errors);
            MappingNode root = yaml.parse(file.getValue());
            if (root == null) {
                continue;
            }
            if (path.startsWith(REGULATORS_PREFIX)) {
                RegulatorPreset preset = regulator(yaml, root, path);
                if (preset != null) {
                    if (regulatorsById.putIfAbsent(preset.id(), preset) != null) {
                        yaml.error(root, "regulator '" + preset.id() + "' is defined twice");
                    }
                    for (String jurisdiction : preset.jurisdictions()) {
                        RegulatorPreset other = byJurisdiction.putIfAbsent(jurisdiction, preset);
                        if (other != null) {
                            yaml.error(root, "jurisdiction " + jurisdiction + " is covered by both " + other.id()
                                    + " and " + preset.id());
                        }
                    }
                }
            } else {
                brokerRoots.put(path, root);
            }
        }
        for (Map.Entry<String, MappingNode> entry : brokerRoots.entrySet()) {
            YamlTree yaml = new YamlTree(entry.getKey(), errors);
            BrokerPolicy broker = broker(yaml, entry.getValue(), entry.getKey(), byJurisdiction, parameters, codes);
            if (broker != null) {
                if (brokers.putIfAbsent(broker.brokerId(), broker) != null) {
                    yaml.error(entry.getValue(), "broker '" + broker.brokerId() + "' is already defined in "
                            + brokers.get(broker.brokerId()).file());
                }
            }
        }
        if (!errors.isEmpty()) {
            return new Result(null, List.copyOf(errors), List.copyOf(parameters), List.copyOf(codes));
        }
        return new Result(new PolicyBook(brokers, byJurisdiction), List.of(), List.copyOf(parameters),
                List.copyOf(codes));
    }

    private RegulatorPreset regulator(YamlTree yaml, MappingNode root, String path) {
        Map<String, Node> f = yaml.fields(root, "regulator preset", REGULATOR_FIELDS);
        String id = yaml.text(f, "regulator", "regulator preset", true);
        String name = yaml.text(f, "name", "regulator preset", false);
        Set<String> jurisdictions = new HashSet<>(f.containsKey("jurisdictions")
                ? yaml.texts(f.get("jurisdictions"), "jurisdictions") : List.of());
        if (jurisdictions.isEmpty()) {
            yaml.error(root, "regulator preset: 'jurisdictions' must list at least one jurisdiction");
        }
        Map<AssetClass, BigDecimal> caps = Map.of();
        BigDecimal minStopOut = null;
        boolean protection = false;
        if (f.containsKey("retail")) {
            Map<String, Node> retail = yaml.fields(f.get("retail"), "retail", RETAIL_FIELDS);
            caps = f.containsKey("retail") && retail.containsKey("leverageCaps")
                    ? leverageCaps(yaml, retail.get("leverageCaps"), "retail.leverageCaps") : Map.of();
            minStopOut = yaml.number(retail, "minStopOutLevel", "retail", false);
            Boolean nbp = yaml.bool(retail, "negativeBalanceProtection", "retail");
            protection = Boolean.TRUE.equals(nbp);
        }
        return id == null ? null
                : new RegulatorPreset(id, name == null ? id : name, path, jurisdictions, caps, minStopOut, protection);
    }

    private BrokerPolicy broker(YamlTree yaml, MappingNode root, String path, Map<String, RegulatorPreset> regulators,
                                List<Declared> declaredParameters, List<Declared> declaredCodes) {
        Map<String, Node> f = yaml.fields(root, "broker policy", BROKER_FIELDS);
        String brokerId = yaml.text(f, "brokerId", "broker policy", true);
        String name = yaml.text(f, "name", "broker policy", false);
        String jurisdiction = yaml.text(f, "jurisdiction", "broker policy", false);
        BrokerRuleTerms ruleTerms = new BrokerRuleTerms(yaml, path);
        CloseOutOrder order = ruleTerms.closeOutOrder(f.get("closeOutOrder"));
        Map<String, BigDecimal> parameters = ruleTerms.parameters(f.get("parameters"), declaredParameters);
        Map<String, String> violationCodes = ruleTerms.violationCodes(f.get("violationCodes"), declaredCodes);
        Boolean nbp = yaml.bool(f, "negativeBalanceProtection", "broker policy");
        RegulatorPreset regulator = jurisdiction == null ? null : regulators.get(jurisdiction);
        String modelText = yaml.text(f, "marginModel", "broker policy", false);
        MarginModel model = modelText == null ? MarginModel.MARGIN_LEVEL
                : yaml.enumValue(f.get("marginModel"), modelText, MarginModel.class, "marginModel");
        ExchangePolicyParser exchange = new ExchangePolicyParser(yaml);
        MaintenanceMarginPolicy maintenance = null;
        if (model == MarginModel.MAINTENANCE_MARGIN) {
            if (!f.containsKey("maintenanceMargin")) {
                yaml.error(f.get("marginModel"), "broker policy: marginModel MAINTENANCE_MARGIN needs a 'maintenanceMargin'"
                        + " block (liquidation, fundingIntervalHours, leverageBrackets)");
            } else {
                maintenance = exchange.maintenanceMargin(f.get("maintenanceMargin"));
            }
        } else if (f.containsKey("maintenanceMargin")) {
            yaml.error(f.get("maintenanceMargin"), "broker policy: 'maintenanceMargin' is only used with marginModel"
                    + " MAINTENANCE_MARGIN (this policy uses " + (model == null ? modelText : model) + ")");
        }
        List<AccountAgeCap> ageCaps = f.containsKey("accountAgeCaps")
                ? exchange.accountAgeCaps(f.get("accountAgeCaps")) : List.of();
        List<VolatilityWindow> windows = f.containsKey("volatilityWindows")
                ? exchange.volatilityWindows(f.get("volatilityWindows")) : List.of();

        Map<String, AccountTypePolicy> types = new TreeMap<>();
        if (!f.containsKey("accountTypes")) {
            yaml.error(root, "broker policy: missing required field 'accountTypes'");
        } else {
            yaml.fields(f.get("accountTypes"), "accountTypes", null).forEach((typeName, node) -> {
                AccountTypePolicy type = accountType(yaml, typeName, node, regulator, nbp, model);
                if (type != null) {
                    types.put(typeName, type);
                }
            });
            if (types.isEmpty()) {
                yaml.error(f.get("accountTypes"), "accountTypes must define at least one account type");
            }
        }
        Map<String, KycTierPolicy> tiers = new TreeMap<>();
        if (f.containsKey("kycTiers")) {
            yaml.fields(f.get("kycTiers"), "kycTiers", null).forEach((tierName, node) -> {
                String where = "kycTiers." + tierName;
                Map<String, Node> tf = yaml.fields(node, where, KYC_TIER_FIELDS);
                Map<AssetClass, BigDecimal> caps = tf.containsKey("leverageCaps")
                        ? leverageCaps(yaml, tf.get("leverageCaps"), where + ".leverageCaps") : Map.of();
                BigDecimal maxNotional = yaml.number(tf, "maxNotional", where, false);
                if (maxNotional != null && maxNotional.signum() < 0) {
                    yaml.error(tf.get("maxNotional"), where + ".maxNotional must be zero or more");
                }
                tiers.put(tierName, new KycTierPolicy(tierName, caps, maxNotional));
            });
        }
        if (brokerId == null || order == null || model == null
                || (model == MarginModel.MAINTENANCE_MARGIN && maintenance == null)) {
            return null;
        }
        return new BrokerPolicy(brokerId, name == null ? brokerId : name, path, jurisdiction, order,
                Boolean.TRUE.equals(nbp), types, tiers, model, maintenance, ageCaps, windows, parameters, violationCodes);
    }

    private AccountTypePolicy accountType(YamlTree yaml, String typeName, Node node, RegulatorPreset regulator,
                                          Boolean brokerProtection, MarginModel model) {
        String where = "accountTypes." + typeName;
        Map<String, Node> f = yaml.fields(node, where, ACCOUNT_TYPE_FIELDS);
        String categoryText = yaml.text(f, "clientCategory", where, false);
        ClientCategory category = categoryText == null ? ClientCategory.RETAIL
                : yaml.enumValue(f.get("clientCategory"), categoryText, ClientCategory.class, where + ".clientCategory");
        Map<AssetClass, BigDecimal> caps = f.containsKey("leverageCaps")
                ? leverageCaps(yaml, f.get("leverageCaps"), where + ".leverageCaps") : Map.of();
        if (model == MarginModel.MAINTENANCE_MARGIN) {
            return exchangeAccountType(yaml, typeName, f, regulator, category, caps);
        }
        for (String ratio : List.of("marginCallRatio", "liquidationRatio")) {
            if (f.containsKey(ratio)) {
                yaml.error(f.get(ratio), where + "." + ratio + " is only used with marginModel MAINTENANCE_MARGIN;"
                        + " under MARGIN_LEVEL set marginCallLevel and stopOutLevel");
            }
        }
        BigDecimal call = level(yaml, f, "marginCallLevel", where);
        BigDecimal stop = level(yaml, f, "stopOutLevel", where);
        if (call != null && stop != null && call.compareTo(stop) < 0) {
            yaml.error(f.get("marginCallLevel"), where + ": marginCallLevel " + call.toPlainString()
                    + "% is below stopOutLevel " + stop.toPlainString() + "%; a margin call must come before the stop-out");
        }
        if (regulator != null && category == ClientCategory.RETAIL) {
            RegulatorFloors.check(yaml, regulator, where, f, stop, caps, brokerProtection);
        }
        if (call == null || stop == null || category == null) {
            return null;
        }
        return new AccountTypePolicy(typeName, category, call, stop, caps, null, null);
    }

    /**
     * An account type under the exchange model: margin-call and liquidation ratios (margin ratio in %, which rises
     * as the account weakens) instead of levels. A regulator's close-out floor is a margin level, which this model
     * does not have, so a retail account type in a jurisdiction with such a floor cannot use it.
     */
    private AccountTypePolicy exchangeAccountType(YamlTree yaml, String typeName, Map<String, Node> f,
                                                  RegulatorPreset regulator, ClientCategory category,
                                                  Map<AssetClass, BigDecimal> caps) {
        String where = "accountTypes." + typeName;
        for (String level : List.of("marginCallLevel", "stopOutLevel")) {
            if (f.containsKey(level)) {
                yaml.error(f.get(level), where + "." + level + " is a margin level, which marginModel MAINTENANCE_MARGIN"
                        + " does not use; set marginCallRatio and liquidationRatio (margin ratio in %) instead");
            }
        }
        BigDecimal call = ratio(yaml, f, "marginCallRatio", where);
        BigDecimal liquidation = ratio(yaml, f, "liquidationRatio", where);
        if (call != null && liquidation != null && call.compareTo(liquidation) > 0) {
            yaml.error(f.get("marginCallRatio"), where + ": marginCallRatio " + call.toPlainString()
                    + "% is above liquidationRatio " + liquidation.toPlainString()
                    + "%; the margin ratio rises towards liquidation, so the margin call must come at a lower ratio");
        }
        if (regulator != null && category == ClientCategory.RETAIL && regulator.retailMinStopOutLevel() != null) {
            yaml.error(f.get("liquidationRatio"), where + ": " + regulator.id() + "'s margin close-out rule for retail"
                    + " clients (" + regulator.retailMinStopOutLevel().toPlainString() + "% of required margin) is a"
                    + " margin level; a retail account type in " + regulator.id() + "'s jurisdictions must use marginModel"
                    + " MARGIN_LEVEL");
        }
        if (regulator != null && category == ClientCategory.RETAIL) {
            RegulatorFloors.checkLeverageCaps(yaml, regulator, where, f, caps);
        }
        if (call == null || liquidation == null || category == null) {
            return null;
        }
        return new AccountTypePolicy(typeName, category, null, null, caps, call, liquidation);
    }

    /** A margin ratio threshold: above 0 and at most 100 (liquidating at a ratio above 100% would wait past maintenance). */
    private BigDecimal ratio(YamlTree yaml, Map<String, Node> f, String name, String where) {
        BigDecimal ratio = yaml.number(f, name, where, true);
        if (ratio != null && (ratio.signum() <= 0 || ratio.compareTo(BigDecimal.valueOf(100)) > 0)) {
            yaml.error(f.get(name), where + "." + name + " must be a margin ratio above 0 and at most 100 (%), not "
                    + ratio.toPlainString());
            return null;
        }
        return ratio;
    }

    private BigDecimal level(YamlTree yaml, Map<String, Node> f, String name, String where) {
        BigDecimal level = yaml.number(f, name, where, true);
        if (level != null && (level.signum() <= 0 || level.compareTo(MAX_LEVEL) > 0)) {
            yaml.error(f.get(name), where + "." + name + " must be a percentage above 0 and at most 10000, not "
                    + level.toPlainString());
            return null;
        }
        return level;
    }

    static Map<AssetClass, BigDecimal> leverageCaps(YamlTree yaml, Node node, String where) {
        Map<AssetClass, BigDecimal> caps = new EnumMap<>(AssetClass.class);
        yaml.fields(node, where, null).forEach((className, valueNode) -> {
            AssetClass cls = yaml.enumValue(valueNode, className, AssetClass.class, where);
            String text = valueNode instanceof org.yaml.snakeyaml.nodes.ScalarNode s ? s.getValue() : null;
            if (text == null) {
                yaml.error(valueNode, where + "." + className + " must be a number");
                return;
            }
            BigDecimal cap = yaml.number(valueNode, text, where + "." + className);
            if (cap != null && (cap.compareTo(BigDecimal.ONE) < 0 || cap.compareTo(MAX_LEVERAGE) > 0)) {
                yaml.error(valueNode, where + "." + className + " must be a leverage from 1 to 1000, not "
                        + cap.toPlainString());
            } else if (cls != null && cap != null) {
                caps.put(cls, cap);
            }
        });
        return caps;
    }
}
