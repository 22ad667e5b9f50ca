package io.brokerpolicy.bundle;

import io.brokerpolicy.domain.AssetClass;
import io.brokerpolicy.domain.LeverageBracket;
import io.brokerpolicy.domain.LeverageBracketTable;
import io.brokerpolicy.domain.LeverageBracketTables;
import io.brokerpolicy.domain.LiquidationStyle;
import io.brokerpolicy.domain.policy.AccountAgeCap;
import io.brokerpolicy.domain.policy.MaintenanceMarginPolicy;
import io.brokerpolicy.domain.policy.VolatilityWindow;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads the exchange parts of a broker policy: the {@code maintenanceMargin} block with its leverage bracket
 * tables, {@code accountAgeCaps} and {@code volatilityWindows}. A risk team edits bracket tables by hand, so
 * every row is checked (contiguous notionals from 0, leverage not rising, rates not falling, a maintenance amount
 * that keeps the maintenance margin continuous) and each problem names the file, the line and the fix.
 */
final class ExchangePolicyParser {

    static final String DEFAULT_TABLE = "default";
    private static final Set<String> MAINTENANCE_FIELDS = Set.of("liquidation", "liquidationFeePercent",
            "fundingIntervalHours", "leverageBrackets", "quantitySteps");
    private static final BigDecimal MAX_LIQUIDATION_FEE_PERCENT = BigDecimal.TEN;
    private static final Set<String> BRACKET_FIELDS = Set.of("notionalFloor", "notionalCap", "maxLeverage",
            "maintenanceMarginPercent", "maintenanceAmount");
    private static final Set<String> AGE_FIELDS = Set.of("rule", "youngerThanDays", "leverageCaps", "description");
    private static final Set<String> WINDOW_FIELDS = Set.of("rule", "event", "from", "to", "leverageCaps", "description");
    private static final BigDecimal DEFAULT_FUNDING_INTERVAL_HOURS = BigDecimal.valueOf(8);
    private static final BigDecimal MAX_FUNDING_INTERVAL_HOURS = BigDecimal.valueOf(24);
    private static final BigDecimal MAX_LEVERAGE = BigDecimal.valueOf(1_000);

    private final YamlTree yaml;

    ExchangePolicyParser(YamlTree yaml) {
        this.yaml = yaml;
    }

    MaintenanceMarginPolicy maintenanceMargin(Node node) {
        String where = "maintenanceMargin";
        Map<String, Node> f = yaml.fields(node, where, MAINTENANCE_FIELDS);
        String styleText = yaml.text(f, "liquidation", where, false);
        LiquidationStyle style = styleText == null ? LiquidationStyle.FULL
                : yaml.enumValue(f.get("liquidation"), styleText, LiquidationStyle.class, where + ".liquidation");
        BigDecimal hours = yaml.number(f, "fundingIntervalHours", where, false);
        if (hours == null && !f.containsKey("fundingIntervalHours")) {
            hours = DEFAULT_FUNDING_INTERVAL_HOURS;
        } else if (hours != null && (hours.signum() <= 0 || hours.compareTo(MAX_FUNDING_INTERVAL_HOURS) > 0)) {
            yaml.error(f.get("fundingIntervalHours"), where + ".fundingIntervalHours must be above 0 and at most 24, not "
                    + hours.toPlainString());
            hours = null;
        }
        BigDecimal fee = liquidationFeePercent(f, where);
        Map<String, BigDecimal> steps = f.containsKey("quantitySteps")
                ? quantitySteps(f.get("quantitySteps"), where + ".quantitySteps") : Map.of();
        LeverageBracketTables tables = null;
        if (!f.containsKey("leverageBrackets")) {
            yaml.error(node, where + ": missing required field 'leverageBrackets' (at least a '" + DEFAULT_TABLE + "' table)");
        } else {
            tables = tables(f.get("leverageBrackets"), where + ".leverageBrackets");
        }
        return style == null || fee == null || hours == null || tables == null || steps == null ? null
                : new MaintenanceMarginPolicy(style, fee, hours, tables, steps);
    }

    /** The fee on the notional a liquidation closes, in %: 0 when left out, else from 0 to 10; null after an error. */
    private BigDecimal liquidationFeePercent(Map<String, Node> f, String where) {
        if (!f.containsKey("liquidationFeePercent")) {
            return BigDecimal.ZERO;
        }
        BigDecimal fee = yaml.number(f, "liquidationFeePercent", where, true);
        if (fee != null && (fee.signum() < 0 || fee.compareTo(MAX_LIQUIDATION_FEE_PERCENT) > 0)) {
            yaml.error(f.get("liquidationFeePercent"), where + ".liquidationFeePercent must be a percentage of the closed"
                    + " notional from 0 to 10 (0.5 means 0.5%), not " + fee.toPlainString());
            return null;
        }
        return fee;
    }

    /** Lot size by symbol, each above 0; null after an error. */
    private Map<String, BigDecimal> quantitySteps(Node node, String where) {
        Map<String, BigDecimal> steps = new TreeMap<>();
        int before = errorCount();
        for (Map.Entry<String, Node> entry : yaml.fields(node, where, null).entrySet()) {
            String at = where + "." + entry.getKey();
            if (!(entry.getValue() instanceof org.yaml.snakeyaml.nodes.ScalarNode scalar)) {
                yaml.error(entry.getValue(), at + " must be a number (the symbol's lot size)");
                continue;
            }
            BigDecimal step = yaml.number(entry.getValue(), scalar.getValue().trim(), at);
            if (step != null && step.signum() <= 0) {
                yaml.error(entry.getValue(), at + " must be a lot size above 0, not " + step.toPlainString());
            } else if (step != null) {
                steps.put(entry.getKey(), step);
            }
        }
        return errorCount() > before ? null : steps;
    }

    private LeverageBracketTables tables(Node node, String where) {
        Map<String, LeverageBracketTable> bySymbol = new TreeMap<>();
        LeverageBracketTable defaultTable = null;
        boolean complete = true;
        for (Map.Entry<String, Node> entry : yaml.fields(node, where, null).entrySet()) {
            LeverageBracketTable table = table(entry.getKey(), entry.getValue(), where + "." + entry.getKey());
            if (table == null) {
                complete = false;
            } else if (entry.getKey().equals(DEFAULT_TABLE)) {
                defaultTable = table;
            } else {
                bySymbol.put(entry.getKey(), table);
            }
        }
        if (defaultTable == null && complete) {
            yaml.error(node, where + " must have a '" + DEFAULT_TABLE + "' table for symbols without a table of their own");
        }
        return defaultTable == null || !complete ? null : new LeverageBracketTables(bySymbol, defaultTable);
    }

    /** One symbol's table; null (with errors recorded) when any row is wrong. */
    private LeverageBracketTable table(String name, Node node, String where) {
        List<Node> rows = yaml.items(node, where);
        if (rows.isEmpty()) {
            if (node instanceof org.yaml.snakeyaml.nodes.SequenceNode) {
                yaml.error(node, where + " must list at least one bracket");
            }
            return null;
        }
        List<LeverageBracket> brackets = new ArrayList<>();
        boolean valid = true;
        LeverageBracket previous = null;
        for (int i = 0; i < rows.size(); i++) {
            int number = i + 1;
            String at = where + "[bracket " + number + "]";
            boolean last = i == rows.size() - 1;
            Map<String, Node> f = yaml.fields(rows.get(i), at, BRACKET_FIELDS);
            BigDecimal floor = yaml.number(f, "notionalFloor", at, true);
            BigDecimal cap = yaml.number(f, "notionalCap", at, !last);
            BigDecimal leverage = yaml.number(f, "maxLeverage", at, true);
            BigDecimal percent = yaml.number(f, "maintenanceMarginPercent", at, true);
            BigDecimal amount = yaml.number(f, "maintenanceAmount", at, true);
            if (floor == null || (cap == null && !last) || leverage == null || percent == null || amount == null) {
                valid = false;
                continue;
            }
            Node row = rows.get(i);
            int errorsBefore = errorCount();
            if (previous == null && floor.signum() != 0) {
                yaml.error(f.get("notionalFloor"), at + ".notionalFloor must be 0: the first bracket starts at no notional");
            }
            if (previous != null && previous.notionalCap() != null && floor.compareTo(previous.notionalCap()) != 0) {
                yaml.error(f.get("notionalFloor"), at + ".notionalFloor " + floor.toPlainString() + " must equal the cap of"
                        + " bracket " + previous.number() + " (" + previous.notionalCap().toPlainString()
                        + "): brackets must follow each other without gap or overlap");
            }
            if (cap != null && cap.compareTo(floor) <= 0) {
                yaml.error(f.get("notionalCap"), at + ".notionalCap " + cap.toPlainString()
                        + " must be above its notionalFloor " + floor.toPlainString());
            }
            if (leverage.compareTo(BigDecimal.ONE) < 0 || leverage.compareTo(MAX_LEVERAGE) > 0) {
                yaml.error(f.get("maxLeverage"), at + ".maxLeverage must be a leverage from 1 to 1000, not " + leverage.toPlainString());
            } else if (previous != null && leverage.compareTo(previous.maxLeverage()) > 0) {
                yaml.error(f.get("maxLeverage"), at + ".maxLeverage " + leverage.toPlainString() + " is above bracket "
                        + previous.number() + "'s " + previous.maxLeverage().toPlainString()
                        + ": a bigger position may not use more leverage");
            }
            if (percent.signum() <= 0 || percent.compareTo(BigDecimal.valueOf(100)) >= 0) {
                yaml.error(f.get("maintenanceMarginPercent"), at + ".maintenanceMarginPercent must be a percentage above 0"
                        + " and below 100 (0.40 means 0.40%), not " + percent.toPlainString());
            } else if (previous != null && percent.compareTo(previous.maintenanceMarginPercent()) < 0) {
                yaml.error(f.get("maintenanceMarginPercent"), at + ".maintenanceMarginPercent " + percent.toPlainString()
                        + " is below bracket " + previous.number() + "'s " + previous.maintenanceMarginPercent().toPlainString()
                        + ": a bigger position may not need a lower maintenance rate");
            }
            BigDecimal expected = previous == null ? BigDecimal.ZERO
                    : previous.maintenanceAmount().add(floor.multiply(percent.subtract(previous.maintenanceMarginPercent()))
                    .divide(BigDecimal.valueOf(100)));
            if (amount.signum() < 0 || amount.compareTo(expected) != 0) {
                yaml.error(f.get("maintenanceAmount") == null ? row : f.get("maintenanceAmount"), at
                        + ".maintenanceAmount must be " + expected.stripTrailingZeros().toPlainString() + ", not "
                        + amount.toPlainString() + (previous == null ? ": the first bracket has no maintenance amount"
                        : ": the previous bracket's amount + notionalFloor x (this rate - the previous rate), so that"
                        + " the maintenance margin does not jump at " + floor.toPlainString()));
            }
            if (errorCount() > errorsBefore) {
                valid = false;
            }
            previous = new LeverageBracket(number, floor, cap, leverage, percent, amount);
            brackets.add(previous);
        }
        return valid ? new LeverageBracketTable(name, brackets) : null;
    }

    List<AccountAgeCap> accountAgeCaps(Node node) {
        List<AccountAgeCap> caps = new ArrayList<>();
        Set<String> names = new HashSet<>();
        List<Node> items = yaml.items(node, "accountAgeCaps");
        for (int i = 0; i < items.size(); i++) {
            String where = "accountAgeCaps[" + i + "]";
            Map<String, Node> f = yaml.fields(items.get(i), where, AGE_FIELDS);
            String rule = ruleName(f, where, names);
            Integer days = yaml.integer(f, "youngerThanDays", where, true);
            if (days != null && (days < 1 || days > 3650)) {
                yaml.error(f.get("youngerThanDays"), where + ".youngerThanDays must be from 1 to 3650, not " + days);
                days = null;
            }
            Map<AssetClass, BigDecimal> limits = caps(f, items.get(i), where);
            if (rule != null && days != null && limits != null) {
                caps.add(new AccountAgeCap(rule, days, limits));
            }
        }
        return caps;
    }

    List<VolatilityWindow> volatilityWindows(Node node) {
        List<VolatilityWindow> windows = new ArrayList<>();
        Set<String> names = new HashSet<>();
        List<Node> items = yaml.items(node, "volatilityWindows");
        for (int i = 0; i < items.size(); i++) {
            String where = "volatilityWindows[" + i + "]";
            Map<String, Node> f = yaml.fields(items.get(i), where, WINDOW_FIELDS);
            String rule = ruleName(f, where, names);
            String event = yaml.text(f, "event", where, true);
            Instant from = yaml.instant(f, "from", where, true);
            Instant to = yaml.instant(f, "to", where, true);
            if (from != null && to != null && !to.isAfter(from)) {
                yaml.error(f.get("to"), where + ".to " + to + " must be after from " + from);
                to = null;
            }
            Map<AssetClass, BigDecimal> limits = caps(f, items.get(i), where);
            if (rule != null && event != null && from != null && to != null && limits != null) {
                windows.add(new VolatilityWindow(rule, event, from, to, limits));
            }
        }
        return windows;
    }

    private String ruleName(Map<String, Node> f, String where, Set<String> names) {
        String rule = yaml.text(f, "rule", where, true);
        if (rule != null && !names.add(rule)) {
            yaml.error(f.get("rule"), where + ".rule '" + rule + "' is used twice; each rule needs its own name");
            return null;
        }
        return rule;
    }

    private Map<AssetClass, BigDecimal> caps(Map<String, Node> f, Node item, String where) {
        if (!f.containsKey("leverageCaps")) {
            yaml.error(item, where + ": missing required field 'leverageCaps'");
            return null;
        }
        int before = errorCount();
        Map<AssetClass, BigDecimal> limits = PolicyBookParser.leverageCaps(yaml, f.get("leverageCaps"), where + ".leverageCaps");
        if (limits.isEmpty() && errorCount() == before) {
            yaml.error(f.get("leverageCaps"), where + ".leverageCaps must cap at least one instrument class");
        }
        return errorCount() > before || limits.isEmpty() ? null : limits;
    }

    private int errorCount() {
        return yaml.errorCount();
    }
}
