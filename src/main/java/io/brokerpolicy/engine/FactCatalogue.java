package io.brokerpolicy.engine;

import io.brokerpolicy.domain.AccountStatus;
import io.brokerpolicy.domain.AssetClass;
import io.brokerpolicy.domain.ClientCategory;
import io.brokerpolicy.domain.CloseOutOrder;
import io.brokerpolicy.domain.ClosePosition;
import io.brokerpolicy.domain.CurrentMaintenanceMargin;
import io.brokerpolicy.domain.CurrentMargin;
import io.brokerpolicy.domain.LeverageCap;
import io.brokerpolicy.domain.LiquidatePosition;
import io.brokerpolicy.domain.LiquidationStyle;
import io.brokerpolicy.domain.MaintenanceMarginAccount;
import io.brokerpolicy.domain.MarginAccount;
import io.brokerpolicy.domain.MarginModel;
import io.brokerpolicy.domain.NegativeBalanceAdjustment;
import io.brokerpolicy.domain.PolicyTerms;
import io.brokerpolicy.domain.PositionState;
import io.brokerpolicy.domain.ReducePositionOneBracket;
import io.brokerpolicy.domain.Side;
import io.brokerpolicy.domain.StatusDecision;
import io.brokerpolicy.domain.Violation;
import io.brokerpolicy.domain.ViolationCode;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rule language's allow-list: everything a rule file may name. A rule may match the <b>facts</b> below
 * (and nothing else), read their <b>properties</b> and call their <b>methods</b>, compare with literals and
 * <b>enum constants</b>, and insert the <b>results</b> below; each rule runs in one of the <b>phases</b>.
 * Anything not listed here is refused when a rule file is checked, whatever it is called or however it is
 * spelt.
 *
 * <p>Every member is resolved by reflection when this class loads, and a member whose cost could depend on an
 * argument (a power, a scale, a format width, a repeat count) is never listed: each call a rule can make is a
 * bounded amount of work. This class is the rule authors' public API and the source of
 * {@code docs/rule-language.md} ({@link RuleLanguageDoc}); renaming a property here breaks their rules.
 */
public final class FactCatalogue {

    /** What a catalogue type is to a rule author. */
    public enum Role {
        /** A fact in working memory: a rule may match it with a pattern. */
        FACT,
        /** A value reached through a property (a leverage cap, an order): never matched by a pattern. */
        VALUE,
        /** An enum: its constants may be written in rules. */
        ENUM
    }

    /** A property a rule reads by name ({@code notional}, {@code $p.notional}) or by its accessor call. */
    public record Property(String name, Method accessor, String meaning) {
        public Class<?> type() {
            return accessor.getReturnType();
        }
    }

    /** A method a rule may call with arguments. */
    public record Operation(String name, Method method, String meaning, ArgumentRule argumentRule) {
        public Class<?> type() {
            return method.getReturnType();
        }
    }

    /** A further condition on a text argument, checked against the policy when the rule file is checked. */
    public enum ArgumentRule {
        ANY,
        /** The argument is a text literal naming a parameter the policies declare. */
        DECLARED_PARAMETER,
        /** The argument is a text literal: a built-in violation code or one the policies declare. */
        VIOLATION_CODE
    }

    /** A fact, value or enum type of the catalogue. */
    public record CatalogueType(String name, Class<?> type, Role role, boolean many, String meaning, String lifecycle,
                                Map<String, Property> properties, Map<String, Operation> operations,
                                List<String> constants) {
    }

    /** A parameter of a result's constructor, as a rule writes it. */
    public record Argument(String name, Class<?> type, String meaning, ArgumentRule rule) {
    }

    /** What a rule may insert: {@code insert(new <name>(<arguments>))}. */
    public record ResultType(String name, Class<?> type, Constructor<?> constructor, List<Argument> arguments,
                             String meaning, boolean closeOut, String example) {
    }

    /** A phase of an evaluation: a rule names its phase as {@code agenda-group "<name>"}. */
    public record Phase(String name, String meaning) {
    }

    private static final FactCatalogue STANDARD = build();

    private final Map<String, CatalogueType> types;
    private final Map<Class<?>, CatalogueType> byClass;
    private final Map<String, ResultType> results;
    private final List<Phase> phases;

    private FactCatalogue(List<CatalogueType> types, List<ResultType> results, List<Phase> phases) {
        Map<String, CatalogueType> byName = new LinkedHashMap<>();
        Map<Class<?>, CatalogueType> classes = new LinkedHashMap<>();
        for (CatalogueType type : types) {
            if (byName.put(type.name(), type) != null || classes.put(type.type(), type) != null) {
                throw new IllegalStateException("catalogue type listed twice: " + type.name());
            }
        }
        this.types = Collections.unmodifiableMap(byName);
        this.byClass = Collections.unmodifiableMap(classes);
        Map<String, ResultType> resultsByName = new LinkedHashMap<>();
        for (ResultType result : results) {
            resultsByName.put(result.name(), result);
        }
        this.results = Collections.unmodifiableMap(resultsByName);
        this.phases = List.copyOf(phases);
    }

    /** The catalogue of this service. */
    public static FactCatalogue standard() {
        return STANDARD;
    }

    public Map<String, CatalogueType> types() {
        return types;
    }

    public Map<String, ResultType> results() {
        return results;
    }

    public List<Phase> phases() {
        return phases;
    }

    public List<String> phaseNames() {
        return phases.stream().map(Phase::name).toList();
    }

    /** The catalogue type named so (simple name or fully qualified), if any. */
    public Optional<CatalogueType> type(String name) {
        CatalogueType simple = types.get(name);
        if (simple != null) {
            return Optional.of(simple);
        }
        return types.values().stream().filter(t -> t.type().getName().equals(name)).findFirst();
    }

    public Optional<CatalogueType> typeOf(Class<?> type) {
        return Optional.ofNullable(byClass.get(type));
    }

    public Optional<ResultType> result(String name) {
        ResultType simple = results.get(name);
        if (simple != null) {
            return Optional.of(simple);
        }
        return results.values().stream().filter(r -> r.type().getName().equals(name)).findFirst();
    }

    /** The fact types, in catalogue order: the types a pattern may match. */
    public List<CatalogueType> facts() {
        return types.values().stream().filter(t -> t.role() == Role.FACT).toList();
    }

    /** Every Java type a rule may name: imported into each checked rule file, and nothing else is. */
    public List<Class<?>> importedClasses() {
        List<Class<?>> classes = new ArrayList<>(byClass.keySet());
        for (ResultType result : results.values()) {
            if (!classes.contains(result.type())) {
                classes.add(result.type());
            }
        }
        return classes;
    }

    // ------------------------------------------------------------------------------------------------------
    // The allow-list itself.

    private static FactCatalogue build() {
        List<CatalogueType> types = new ArrayList<>();
        types.add(new TypeBuilder("PolicyTerms", PolicyTerms.class, Role.FACT, false,
                "The policy that applies to the account: its broker's and account type's parameters from"
                        + " policies/*.yaml, with the regulator's retail rules folded in.",
                "Inserted once; never changes.")
                .property("brokerId", "brokerId", "the broker whose policy applies")
                .property("accountType", "accountType", "the account type within that policy")
                .property("kycTier", "kycTier", "the account's KYC tier, or null when the policy has no tiers")
                .property("regulator", "regulator", "the regulator whose retail rules apply (ESMA, FCA, ...), or null")
                .property("marginModel", "marginModel", "which figures decide the status: MARGIN_LEVEL or"
                        + " MAINTENANCE_MARGIN")
                .property("marginCallLevel", "marginCallLevel", "margin-level model: the margin level (%) at or below"
                        + " which the account is on margin call; null under the exchange model")
                .property("stopOutLevel", "stopOutLevel", "margin-level model: the margin level (%) at or below which"
                        + " positions are closed, raised to the regulator's retail floor; null under the exchange model")
                .property("regulatoryStopOutFloorApplied", "regulatoryStopOutFloorApplied", "true when the"
                        + " regulator's retail close-out floor raised the stop-out level")
                .property("negativeBalanceProtection", "negativeBalanceProtection", "true when the broker absorbs a"
                        + " negative balance")
                .property("kycMaxNotional", "kycMaxNotional", "the KYC tier's limit on total notional, or null")
                .property("marginCallRatio", "marginCallRatio", "exchange model: the margin ratio (%) at or above"
                        + " which the account is on margin call; null under the margin-level model")
                .property("liquidationRatio", "liquidationRatio", "exchange model: the margin ratio (%) at or above"
                        + " which positions are liquidated; null under the margin-level model")
                .property("liquidationStyle", "liquidationStyle", "exchange model: FULL or PARTIAL liquidation;"
                        + " null under the margin-level model")
                .property("liquidationFeePercent", "liquidationFeePercent", "exchange model: the fee on the notional a"
                        + " liquidation closes, in % (0.5 means 0.5%); null under the margin-level model")
                .property("closeOutOrder", "closeOutOrder", "the order in which positions are closed")
                .operation("param", "param", "the decimal parameter of this name that the broker policy declares"
                        + " under parameters; null (every comparison false) when it declares none of that name",
                        ArgumentRule.DECLARED_PARAMETER, String.class)
                .build());
        types.add(new TypeBuilder("MarginAccount", MarginAccount.class, Role.FACT, false,
                "The account as the snapshot reported it, with the figures worked out from it.",
                "Inserted once; its published figures are those of the snapshot as received and never change"
                        + " (CurrentMargin carries the figures a close-out changes).")
                .property("accountId", "getAccountId", "the account's id")
                .property("clientCategory", "getClientCategory", "RETAIL or PROFESSIONAL")
                .property("jurisdiction", "getJurisdiction", "the account's jurisdiction, or null")
                .property("currency", "getCurrency", "the account currency")
                .property("positionCount", "getPositionCount", "how many positions the snapshot holds")
                .property("initialBalance", "getInitialBalance", "the balance as received")
                .property("initialEquity", "getInitialEquity", "balance + floating PnL of all positions, as received")
                .property("initialUsedMargin", "getInitialUsedMargin", "the margin used by all positions, as received")
                .property("initialFreeMargin", "getInitialFreeMargin", "equity - used margin, as received")
                .property("initialMarginLevel", "getInitialMarginLevel", "equity / used margin x 100 as received;"
                        + " null when no margin is used")
                .property("initialTotalNotional", "getInitialTotalNotional", "the sum of the positions' notionals,"
                        + " as received")
                .build());
        types.add(new TypeBuilder("CurrentMargin", CurrentMargin.class, Role.FACT, false,
                "The account's margin as it stands during a close-out.",
                "Inserted once; the engine updates it after every close-out step.")
                .property("balance", "getBalance", "the balance, with the PnL of closed positions realized")
                .property("equity", "getEquity", "balance + floating PnL of the open positions")
                .property("usedMargin", "getUsedMargin", "the margin used by the open positions")
                .property("freeMargin", "getFreeMargin", "equity - used margin")
                .property("marginLevel", "getMarginLevel", "equity / used margin x 100; null when no margin is used")
                .property("openPositionCount", "getOpenPositionCount", "how many positions are still open")
                .operation("isAtOrBelow", "isAtOrBelow", "true while positions are open and the margin level is at or"
                        + " below the given level (%)", BigDecimal.class)
                .build());
        types.add(new TypeBuilder("MaintenanceMarginAccount", MaintenanceMarginAccount.class, Role.FACT, false,
                "Exchange model only: the cross account as received, judged by its margin ratio (maintenance margin /"
                        + " margin balance x 100, which rises as the account weakens).",
                "Inserted once under marginModel MAINTENANCE_MARGIN; never changes.")
                .property("initialCrossMarginBalance", "getInitialCrossMarginBalance", "cross wallet balance + floating"
                        + " PnL of the cross positions, as received")
                .property("initialCrossMaintenanceMargin", "getInitialCrossMaintenanceMargin", "the cross positions'"
                        + " maintenance margin from their leverage brackets, as received")
                .property("initialCrossMarginRatio", "getInitialCrossMarginRatio", "the cross margin ratio (%) as"
                        + " received; null when nothing is open or the margin balance is zero or below")
                .operation("initiallyAtOrAbove", "initiallyAtOrAbove", "true when the cross margin ratio as received is"
                        + " at or above the given ratio (%)", BigDecimal.class)
                .build());
        types.add(new TypeBuilder("CurrentMaintenanceMargin", CurrentMaintenanceMargin.class, Role.FACT, false,
                "Exchange model only: the cross account as it stands during a liquidation.",
                "Inserted once under marginModel MAINTENANCE_MARGIN; the engine updates it after every close-out step.")
                .property("crossMarginBalance", "getCrossMarginBalance", "the cross margin balance now")
                .property("crossMaintenanceMargin", "getCrossMaintenanceMargin", "the cross maintenance margin now")
                .property("crossMarginRatio", "getCrossMarginRatio", "the cross margin ratio (%) now; null when nothing"
                        + " is open or the margin balance is zero or below")
                .property("crossBankrupt", "isCrossBankrupt", "true when cross positions are open on a cross margin"
                        + " balance of zero or below: no reduction can save the pool")
                .operation("isCrossAtOrAbove", "isCrossAtOrAbove", "true when the cross margin ratio now is at or above"
                        + " the given ratio (%)", BigDecimal.class)
                .operation("reductionCanRestore", "reductionCanRestore", "true when reducing the position bracket by"
                        + " bracket (fee paid) can still bring its pool below the given ratio (%)", PositionState.class,
                        BigDecimal.class)
                .build());
        types.add(new TypeBuilder("PositionState", PositionState.class, Role.FACT, true,
                "One open position of the account, with its figures.",
                "One per position; the engine updates it when a close-out step reduces it and deletes it when a step"
                        + " closes it.")
                .property("positionId", "getPositionId", "the position's id")
                .property("symbol", "getSymbol", "the instrument's symbol")
                .property("assetClass", "getAssetClass", "the instrument class (FX_MAJOR, CRYPTO, ...)")
                .property("side", "getSide", "LONG or SHORT")
                .property("quantity", "getQuantity", "the open quantity in lots")
                .property("leverage", "getLeverage", "the leverage the position uses")
                .property("notional", "getNotional", "units x mark price")
                .property("usedMargin", "getUsedMargin", "notional / leverage, or an isolated position's own margin")
                .property("floatingPnl", "getFloatingPnl", "unrealized PnL + swap - fees")
                .property("openedAt", "getOpenedAt", "when the position was opened, or null")
                .property("effectiveCap", "getEffectiveCap", "the tightest leverage cap that applies, or null")
                .property("leverageAboveCap", "isLeverageAboveCap", "true when a cap applies and the leverage is above it")
                .property("open", "isOpen", "true while the position is open")
                .property("isolated", "isIsolated", "true for an isolated-margin position with its own margin")
                .property("cross", "isCross", "true for a position on the shared (cross) margin")
                .property("isolatedBankrupt", "isIsolatedBankrupt", "true for an open isolated position whose own margin"
                        + " balance is zero or below")
                .operation("isIsolatedAtOrAbove", "isIsolatedAtOrAbove", "true for an open isolated position whose own"
                        + " margin ratio is at or above the given ratio (%)", BigDecimal.class)
                .build());
        types.add(new TypeBuilder("StatusDecision", StatusDecision.class, Role.FACT, false,
                "The account's status, as a status rule inserted it.",
                "Inserted by a rule of phase status.")
                .property("status", "getStatus", "HEALTHY, MARGIN_CALL or STOP_OUT")
                .property("rule", "getRule", "the rule that decided it")
                .build());
        types.add(new TypeBuilder("Violation", Violation.class, Role.FACT, true,
                "A finding reported beside the status.",
                "Inserted by rules.")
                .property("code", "getCode", "the violation code")
                .property("positionId", "getPositionId", "the position it concerns, or null for the account")
                .property("limit", "getLimit", "the limit that was broken, or null")
                .property("actual", "getActual", "the figure that broke it")
                .build());
        types.add(new TypeBuilder("NegativeBalanceAdjustment", NegativeBalanceAdjustment.class, Role.FACT, false,
                "The amount the broker absorbs under negative balance protection.",
                "Inserted by a rule.")
                .property("amount", "getAmount", "the amount absorbed")
                .build());
        types.add(new TypeBuilder("LeverageCap", LeverageCap.class, Role.VALUE, false,
                "A leverage limit and where it comes from; read through PositionState.effectiveCap.", null)
                .property("assetClass", "assetClass", "the instrument class it caps")
                .property("limit", "limit", "the highest leverage allowed")
                .property("source", "source", "where the cap comes from (\"ESMA retail cap\", \"KYC tier FULL cap\")")
                .build());
        types.add(new TypeBuilder("CloseOutOrder", CloseOutOrder.class, Role.VALUE, false,
                "The policy's order for closing positions; read through PolicyTerms.closeOutOrder.", null)
                .operation("precedes", "precedes", "true when the first position is to be closed before the second;"
                        + " a total order, so exactly one open position comes first",
                        PositionState.class, PositionState.class)
                .build());
        types.add(new TypeBuilder("BigDecimal", BigDecimal.class, Role.VALUE, false,
                "A decimal figure (money, a level, a ratio). Arithmetic (+ - * /) is computed to 34 significant digits;"
                        + " comparisons are by value (2.0 == 2.00) and false when either side is null.", null)
                .operation("negate", "negate", "the figure with its sign reversed")
                .operation("abs", "abs", "the figure without its sign")
                .operation("signum", "signum", "-1, 0 or 1")
                .operation("max", "max", "the larger of the two figures", BigDecimal.class)
                .operation("min", "min", "the smaller of the two figures", BigDecimal.class)
                .constants("ZERO", "ONE", "TEN")
                .build());
        types.add(enumType("AccountStatus", AccountStatus.class, "An account's status."));
        types.add(enumType("MarginModel", MarginModel.class, "How a policy judges margin."));
        types.add(enumType("LiquidationStyle", LiquidationStyle.class, "How the exchange model liquidates."));
        types.add(enumType("AssetClass", AssetClass.class, "Instrument classes, as regulators group them."));
        types.add(enumType("Side", Side.class, "A position's direction."));
        types.add(enumType("ClientCategory", ClientCategory.class, "MiFID client category."));

        List<ResultType> results = List.of(
                result("StatusDecision", StatusDecision.class, false,
                        "The account's status; phase status must insert exactly one.",
                        "insert( new StatusDecision( AccountStatus.STOP_OUT ) );",
                        arg("status", AccountStatus.class, "HEALTHY, MARGIN_CALL or STOP_OUT")),
                result("Violation", Violation.class, false,
                        "A finding reported beside the status.",
                        "insert( new Violation( \"LEVERAGE_CAP_EXCEEDED\", $p.positionId, $p.effectiveCap.limit,"
                                + " $p.leverage, $p.effectiveCap.source ) );",
                        new Argument("code", String.class, "the violation code, as text: built in ("
                                + String.join(", ", Arrays.stream(ViolationCode.values()).map(Enum::name).toList())
                                + ") or declared under violationCodes by the policies", ArgumentRule.VIOLATION_CODE),
                        arg("positionId", String.class, "the position it concerns, or null for the account"),
                        arg("limit", BigDecimal.class, "the limit that was broken, or null"),
                        arg("actual", BigDecimal.class, "the figure that broke it"),
                        arg("detail", String.class, "a few words for the explanation")),
                result("NegativeBalanceAdjustment", NegativeBalanceAdjustment.class, false,
                        "What the broker absorbs to bring a negative equity back to zero.",
                        "insert( new NegativeBalanceAdjustment( $current.equity.negate() ) );",
                        arg("amount", BigDecimal.class, "the amount absorbed")),
                result("ClosePosition", ClosePosition.class, true,
                        "Close-out step: closes the position whole at its mark price.",
                        "insert( new ClosePosition( $next ) );",
                        arg("position", PositionState.class, "a bound PositionState")),
                result("LiquidatePosition", LiquidatePosition.class, true,
                        "Close-out step, exchange model: closes the position whole; an isolated position's loss stops"
                                + " at its own margin.",
                        "insert( new LiquidatePosition( $p ) );",
                        arg("position", PositionState.class, "a bound PositionState")),
                result("ReducePositionOneBracket", ReducePositionOneBracket.class, true,
                        "Close-out step, exchange model: reduces the position to the floor of its leverage bracket (or"
                                + " closes it whole in bracket 1).",
                        "insert( new ReducePositionOneBracket( $p ) );",
                        arg("position", PositionState.class, "a bound PositionState")));

        List<Phase> phases = List.of(
                new Phase("limits", "findings about the snapshot as received: leverage caps, exposure limits"),
                new Phase("status", "the account's status: exactly one StatusDecision"),
                new Phase("close-out-isolated", "exchange model: isolated positions, each judged on its own margin"),
                new Phase("close-out", "close-out steps while the account is stopped out"),
                new Phase("after-close-out", "findings about the account after the close-out"));
        return new FactCatalogue(types, results, phases);
    }

    private static CatalogueType enumType(String name, Class<? extends Enum<?>> type, String meaning) {
        List<String> constants = Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name()).toList();
        return new CatalogueType(name, type, Role.ENUM, false, meaning, null, Map.of(), Map.of(), constants);
    }

    private static Argument arg(String name, Class<?> type, String meaning) {
        return new Argument(name, type, meaning, ArgumentRule.ANY);
    }

    private static ResultType result(String name, Class<?> type, boolean closeOut, String meaning, String example,
                                     Argument... arguments) {
        Class<?>[] parameterTypes = Arrays.stream(arguments).map(Argument::type).toArray(Class<?>[]::new);
        try {
            return new ResultType(name, type, type.getConstructor(parameterTypes), List.of(arguments), meaning,
                    closeOut, example);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("catalogue result " + name + " has no constructor "
                    + Arrays.toString(parameterTypes), e);
        }
    }

    /** Resolves each member by reflection as it is listed: a renamed method fails the class, not a rule at run time. */
    private static final class TypeBuilder {
        private final String name;
        private final Class<?> type;
        private final Role role;
        private final boolean many;
        private final String meaning;
        private final String lifecycle;
        private final Map<String, Property> properties = new LinkedHashMap<>();
        private final Map<String, Operation> operations = new LinkedHashMap<>();
        private final List<String> constants = new ArrayList<>();

        TypeBuilder(String name, Class<?> type, Role role, boolean many, String meaning, String lifecycle) {
            this.name = name;
            this.type = type;
            this.role = role;
            this.many = many;
            this.meaning = meaning;
            this.lifecycle = lifecycle;
        }

        TypeBuilder property(String property, String accessor, String meaning) {
            properties.put(property, new Property(property, method(accessor), meaning));
            return this;
        }

        TypeBuilder operation(String operation, String method, String meaning, Class<?>... parameters) {
            return operation(operation, method, meaning, ArgumentRule.ANY, parameters);
        }

        TypeBuilder operation(String operation, String method, String meaning, ArgumentRule rule,
                              Class<?>... parameters) {
            operations.put(operation, new Operation(operation, method(method, parameters), meaning, rule));
            return this;
        }

        TypeBuilder constants(String... names) {
            for (String constant : names) {
                try {
                    type.getField(constant);
                } catch (NoSuchFieldException e) {
                    throw new IllegalStateException(name + " has no constant " + constant, e);
                }
                constants.add(constant);
            }
            return this;
        }

        private Method method(String method, Class<?>... parameters) {
            try {
                return type.getMethod(method, parameters);
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException("catalogue type " + name + " has no method " + method
                        + Arrays.toString(parameters), e);
            }
        }

        CatalogueType build() {
            return new CatalogueType(name, type, role, many, meaning, lifecycle, Collections.unmodifiableMap(properties),
                    Collections.unmodifiableMap(operations), List.copyOf(constants));
        }
    }
}
