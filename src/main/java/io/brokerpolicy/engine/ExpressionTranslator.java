package io.brokerpolicy.engine;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.BooleanLiteralExpr;
import com.github.javaparser.ast.expr.DoubleLiteralExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.IntegerLiteralExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.NullLiteralExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import io.brokerpolicy.engine.FactCatalogue.ArgumentRule;
import io.brokerpolicy.engine.FactCatalogue.CatalogueType;
import io.brokerpolicy.engine.FactCatalogue.Operation;
import io.brokerpolicy.engine.FactCatalogue.Property;
import io.brokerpolicy.engine.Typed.Kind;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.drools.mvel.parser.ast.expr.BigDecimalLiteralExpr;
import org.drools.mvel.parser.ast.expr.DrlNameExpr;
import org.drools.mvel.parser.ast.expr.HalfBinaryExpr;
import org.drools.mvel.parser.ast.expr.PointFreeExpr;
import org.drools.mvel.parser.printer.PrintUtil;

/**
 * Checks one expression of a rule against the {@link FactCatalogue} and writes it out again in the service's
 * own form. Allowed: literals (decimal numbers, short plain text, true, false, null), bound variables,
 * {@code this} in a pattern, enum constants, catalogue properties and methods (each resolved by reflection),
 * comparisons, {@code && || !}, and {@code + - * /} on decimals. Anything else is refused with what is allowed
 * instead: an unknown name is never looked up anywhere but in the catalogue.
 */
final class ExpressionTranslator {

    /** Where an expression stands: in a pattern (MVEL, the pattern's fact is {@code this}) or in a consequence. */
    enum Place { CONSTRAINT, CONSEQUENCE }

    static final int MAX_NODES = 64;
    static final int MAX_TEXT_LITERAL = 200;
    private static final Pattern NUMBER = Pattern.compile("(0|[1-9][0-9]{0,17})(\\.[0-9]{1,12})?");
    private static final Pattern SAFE_TEXT = Pattern.compile("[A-Za-z0-9 .,:;%()/_+*=<>!?&'\\[\\]-]*");
    static final String OPERATORS = "== != < <= > >= && || ! + - * /";

    private final FactCatalogue catalogue;
    private final RuleContext context;
    private final Place place;
    private final CatalogueType pattern;
    private final Map<String, Typed> variables;
    private int nodes;

    ExpressionTranslator(FactCatalogue catalogue, RuleContext context, Place place, CatalogueType pattern,
                         Map<String, Typed> variables) {
        this.catalogue = catalogue;
        this.context = context;
        this.place = place;
        this.pattern = pattern;
        this.variables = variables;
    }

    /** A condition: an expression of type true/false. */
    Typed condition(Expression expression) {
        Typed typed = translate(expression);
        if (typed.kind() != Kind.BOOLEAN) {
            throw new RuleLanguageException("a condition must be true or false, but '" + shown(expression) + "' is "
                    + typed.describe());
        }
        return typed;
    }

    /** A value: anything but a type name. */
    Typed value(Expression expression) {
        Typed typed = translate(expression);
        if (typed.kind() == Kind.TYPE) {
            throw new RuleLanguageException("'" + shown(expression) + "' is a type, not a value: write one of its"
                    + " constants (" + constantsOf(typed.typeReference()) + ")");
        }
        return typed;
    }

    private Typed translate(Expression e) {
        if (++nodes > MAX_NODES) {
            throw new RuleLanguageException("the expression is too large (more than " + MAX_NODES + " parts): split it"
                    + " into several constraints");
        }
        if (e instanceof EnclosedExpr enclosed) {
            Typed inner = translate(enclosed.getInner());
            return new Typed(inner.kind(), inner.javaClass(), "(" + inner.mvel() + ")", "(" + inner.java() + ")",
                    inner.number(), inner.text(), inner.factVariable(), inner.typeReference());
        }
        if (e instanceof BooleanLiteralExpr b) {
            return Typed.same(Kind.BOOLEAN, boolean.class, String.valueOf(b.getValue()));
        }
        if (e instanceof NullLiteralExpr) {
            return Typed.same(Kind.NULL, Object.class, "null");
        }
        if (e instanceof IntegerLiteralExpr || e instanceof DoubleLiteralExpr || e instanceof BigDecimalLiteralExpr) {
            return number(((com.github.javaparser.ast.expr.LiteralStringValueExpr) e).getValue(), e);
        }
        if (e instanceof StringLiteralExpr s) {
            return text(s.getValue());
        }
        if (e instanceof DrlNameExpr drlName && drlName.getBackReferencesCount() > 0) {
            throw refused(e, "back references (../)");
        }
        if (e instanceof NameExpr name) {
            return name(name.getNameAsString(), e);
        }
        if (e instanceof ThisExpr self) {
            if (self.getTypeName().isPresent() || place != Place.CONSTRAINT || pattern == null) {
                throw new RuleLanguageException("'this' may only be written inside a pattern, for the fact it matches");
            }
            return Typed.same(Kind.OBJECT, pattern.type(), "this");
        }
        if (e instanceof FieldAccessExpr access) {
            return fieldAccess(access);
        }
        if (e instanceof MethodCallExpr call) {
            return methodCall(call);
        }
        if (e instanceof UnaryExpr unary) {
            return unary(unary);
        }
        if (e instanceof BinaryExpr binary) {
            return binary(binary);
        }
        if (e instanceof HalfBinaryExpr) {
            throw new RuleLanguageException("a comparison without its left side ('a > 1 && < 3') is not allowed:"
                    + " write both sides ('a > 1 && a < 3')");
        }
        if (e instanceof PointFreeExpr) {
            throw new RuleLanguageException("operators such as matches, contains, memberOf, soundslike, str, in and the"
                    + " time operators are not allowed: use " + OPERATORS);
        }
        throw refused(e, construct(e));
    }

    // --- literals ---

    private Typed number(String literal, Expression e) {
        String digits = e instanceof BigDecimalLiteralExpr && literal.endsWith("B")
                ? literal.substring(0, literal.length() - 1) : literal;
        if (!NUMBER.matcher(digits).matches()) {
            throw new RuleLanguageException("the number '" + literal + "' is not allowed: write a plain decimal such as"
                    + " 25 or 0.5 (at most 18 digits before the point and 12 after; no exponent, suffix, hex or octal)");
        }
        return Typed.number(new BigDecimal(digits));
    }

    private static Typed text(String raw) {
        if (raw.length() > MAX_TEXT_LITERAL || !SAFE_TEXT.matcher(raw).matches()) {
            throw new RuleLanguageException("text in a rule is at most " + MAX_TEXT_LITERAL + " characters of letters,"
                    + " digits, spaces and . , : ; % ( ) / _ + - * = < > ! ? & ' [ ] (no quotes, backslashes or"
                    + " escapes): \"" + abbreviate(raw) + "\" is not");
        }
        return Typed.textLiteral(raw);
    }

    // --- names, properties, methods ---

    private Typed name(String name, Expression e) {
        Typed variable = variables.get(name);
        if (variable != null) {
            return variable;
        }
        if (name.startsWith("$")) {
            throw new RuleLanguageException("'" + name + "' is not bound: bind it first in an earlier pattern ('"
                    + name + " : PositionState( )' or '" + name + " : notional')");
        }
        if (place == Place.CONSTRAINT && pattern != null) {
            Property property = pattern.properties().get(name);
            if (property != null) {
                return read(property, null);
            }
        }
        var type = catalogue.type(name);
        if (type.isPresent() && (type.get().role() == FactCatalogue.Role.ENUM || !type.get().constants().isEmpty())) {
            return Typed.typeReference(type.get());
        }
        if (place == Place.CONSTRAINT && pattern != null) {
            throw new RuleLanguageException("'" + name + "' is not a property of " + pattern.name() + " (its properties: "
                    + String.join(", ", pattern.properties().keySet()) + "), a bound $variable, or an enum of the"
                    + " catalogue");
        }
        throw new RuleLanguageException("'" + name + "' is not allowed here: a consequence may use bound $variables,"
                + " their properties, literals and enum constants");
    }

    private Typed fieldAccess(FieldAccessExpr access) {
        if (!access.getTypeArguments().map(List::isEmpty).orElse(true)) {
            throw refused(access, "type arguments");
        }
        String member = access.getNameAsString();
        String qualified = qualifiedName(access);
        if (qualified != null) {
            var type = catalogue.type(qualified);
            if (type.isPresent() && (type.get().role() == FactCatalogue.Role.ENUM || !type.get().constants().isEmpty())) {
                return Typed.typeReference(type.get());
            }
        }
        Typed scope = translate(access.getScope());
        if (scope.kind() == Kind.TYPE) {
            CatalogueType type = scope.typeReference();
            if (!type.constants().contains(member)) {
                throw new RuleLanguageException("'" + member + "' is not a constant of " + type.name() + " (its constants: "
                        + constantsOf(type) + ")");
            }
            String code = type.type().getSimpleName() + "." + member;
            Kind kind = type.role() == FactCatalogue.Role.ENUM ? Kind.ENUM : Typed.kindOf(type.type(), catalogue);
            return Typed.same(kind, type.type(), code);
        }
        CatalogueType owner = memberOwner(scope, access);
        Property property = owner.properties().get(member);
        if (property == null) {
            throw new RuleLanguageException("'" + member + "' is not a property of " + owner.name() + " a rule may read ("
                    + (owner.properties().isEmpty() ? "it has none" : "its properties: "
                    + String.join(", ", owner.properties().keySet())) + ")");
        }
        return read(property, scope);
    }

    /** {@code a.b.C} as a dotted name when it is only names, else null. */
    private static String qualifiedName(Expression e) {
        if (e instanceof NameExpr name) {
            return name.getNameAsString();
        }
        if (e instanceof FieldAccessExpr access) {
            String scope = qualifiedName(access.getScope());
            return scope == null ? null : scope + "." + access.getNameAsString();
        }
        return null;
    }

    private Typed methodCall(MethodCallExpr call) {
        if (call.getTypeArguments().isPresent()) {
            throw refused(call, "type arguments");
        }
        String name = call.getNameAsString();
        CatalogueType owner;
        Typed scope = null;
        if (call.getScope().isEmpty()) {
            if (place != Place.CONSTRAINT || pattern == null) {
                throw new RuleLanguageException("'" + name + "(...)' is not allowed here: a consequence may only insert"
                        + " results and delete or update bound facts");
            }
            owner = pattern;
        } else {
            scope = translate(call.getScope().get());
            if (scope.kind() == Kind.TYPE) {
                throw new RuleLanguageException("'" + scope.typeReference().name() + "." + name + "(...)' is not allowed:"
                        + " rules call no static methods");
            }
            owner = memberOwner(scope, call);
        }
        Operation operation = owner.operations().get(name);
        if (operation != null) {
            return invoke(operation, scope, call.getArguments());
        }
        if (call.getArguments().isEmpty()) {
            for (Property property : owner.properties().values()) {
                if (property.accessor().getName().equals(name) || accessorAlias(property.name()).contains(name)) {
                    return read(property, scope);
                }
            }
        }
        throw new RuleLanguageException("'" + name + "' is not a method of " + owner.name() + " a rule may call ("
                + (owner.operations().isEmpty() ? "it has none" : "its methods: "
                + String.join(", ", owner.operations().keySet())) + (owner.properties().isEmpty() ? ""
                : "; its properties: " + String.join(", ", owner.properties().keySet())) + ")");
    }

    private static List<String> accessorAlias(String property) {
        String capitalised = Character.toUpperCase(property.charAt(0)) + property.substring(1);
        return List.of(property, "get" + capitalised, "is" + capitalised);
    }

    /** The catalogue type whose members {@code scope} offers. */
    private CatalogueType memberOwner(Typed scope, Node at) {
        if (scope.kind() == Kind.DECIMAL) {
            return catalogue.typeOf(BigDecimal.class).orElseThrow();
        }
        if (scope.kind() == Kind.NUMBER_LITERAL) {
            throw new RuleLanguageException("a number written in the rule has no properties or methods");
        }
        if (scope.kind() != Kind.OBJECT) {
            throw new RuleLanguageException("'" + shown(at) + "': " + scope.describe() + " has no properties or methods"
                    + " a rule may use");
        }
        return catalogue.typeOf(scope.javaClass())
                .orElseThrow(() -> new RuleLanguageException(scope.javaClass().getSimpleName() + " is not in the catalogue"));
    }

    private Typed read(Property property, Typed scope) {
        Kind kind = Typed.kindOf(property.type(), catalogue);
        if (kind == null) {
            throw new IllegalStateException("catalogue property " + property.name() + " has a type rules cannot hold");
        }
        String call = property.accessor().getName() + "()";
        return scope == null ? Typed.same(kind, property.type(), call)
                : Typed.of(kind, property.type(), scope.mvel() + "." + call, scope.java() + "." + call);
    }

    private Typed invoke(Operation operation, Typed scope, List<Expression> arguments) {
        Class<?>[] parameters = operation.method().getParameterTypes();
        if (arguments.size() != parameters.length) {
            throw new RuleLanguageException(operation.name() + " takes " + parameters.length + " argument"
                    + (parameters.length == 1 ? "" : "s") + ", not " + arguments.size());
        }
        List<String> mvel = new ArrayList<>();
        List<String> java = new ArrayList<>();
        for (int i = 0; i < parameters.length; i++) {
            Typed argument = value(arguments.get(i));
            if (operation.argumentRule() == ArgumentRule.DECLARED_PARAMETER) {
                declaredParameter(argument, arguments.get(i));
            }
            mvel.add(argumentCode(argument, parameters[i], operation.name(), true));
            java.add(argumentCode(argument, parameters[i], operation.name(), false));
        }
        Kind kind = Typed.kindOf(operation.type(), catalogue);
        String name = operation.method().getName();
        String m = name + "(" + String.join(", ", mvel) + ")";
        String j = name + "(" + String.join(", ", java) + ")";
        return scope == null ? Typed.of(kind, operation.type(), m, j)
                : Typed.of(kind, operation.type(), scope.mvel() + "." + m, scope.java() + "." + j);
    }

    private void declaredParameter(Typed argument, Expression at) {
        if (argument.text() == null) {
            throw new RuleLanguageException("a parameter is named by a text literal: param(\"concentrationLimitPercent\"),"
                    + " not '" + shown(at) + "'");
        }
        String problem = context.parameterProblem(argument.text());
        if (problem != null) {
            throw new RuleLanguageException(problem);
        }
    }

    /** A violation code: a text literal, built in or declared by a policy. */
    void violationCode(Typed argument, Expression at) {
        if (argument.text() == null) {
            throw new RuleLanguageException("a violation code is written as text: \"CONCENTRATION_LIMIT_EXCEEDED\", not '"
                    + shown(at) + "'");
        }
        String problem = context.codeProblem(argument.text());
        if (problem != null) {
            throw new RuleLanguageException(problem);
        }
    }

    /** The code of a value passed where {@code parameter} is expected, or a refusal when it does not fit. */
    String argumentCode(Typed argument, Class<?> parameter, String where, boolean mvel) {
        Kind expected = Typed.kindOf(parameter, catalogue);
        boolean fits = switch (argument.kind()) {
            case NULL -> !parameter.isPrimitive();
            case NUMBER_LITERAL -> expected == Kind.DECIMAL || (expected == Kind.WHOLE && argument.wholeLiteral());
            case WHOLE -> expected == Kind.WHOLE || expected == Kind.DECIMAL;
            default -> argument.kind() == expected && (expected != Kind.ENUM && expected != Kind.OBJECT
                    || parameter.isAssignableFrom(argument.javaClass()));
        };
        if (!fits) {
            throw new RuleLanguageException(where + " expects " + describe(parameter) + ", not " + argument.describe());
        }
        if (expected == Kind.DECIMAL && argument.kind() != Kind.NULL) {
            return mvel ? argument.decimalMvel() : argument.decimalJava();
        }
        return mvel ? argument.mvel() : argument.java();
    }

    private String describe(Class<?> parameter) {
        Kind kind = Typed.kindOf(parameter, catalogue);
        return kind == null ? parameter.getSimpleName() : Typed.of(kind, parameter, "", "").describe();
    }

    // --- operators ---

    private Typed unary(UnaryExpr unary) {
        Typed operand = translate(unary.getExpression());
        switch (unary.getOperator()) {
            case LOGICAL_COMPLEMENT -> {
                requireConstraint("!");
                if (operand.kind() != Kind.BOOLEAN) {
                    throw new RuleLanguageException("'!' applies to true/false, not to " + operand.describe());
                }
                return Typed.of(Kind.BOOLEAN, boolean.class, "!" + operand.mvel(), "!" + operand.java());
            }
            case MINUS -> {
                if (operand.kind() == Kind.NUMBER_LITERAL) {
                    return Typed.number(operand.number().negate());
                }
                if (operand.kind() == Kind.DECIMAL || operand.kind() == Kind.WHOLE) {
                    return Typed.of(Kind.DECIMAL, BigDecimal.class, "RuleMath.negated(" + operand.decimalMvel() + ")",
                            "RuleMath.negated(" + operand.decimalJava() + ")");
                }
                throw new RuleLanguageException("'-' applies to numbers, not to " + operand.describe());
            }
            default -> throw new RuleLanguageException("the operator '" + unary.getOperator().asString()
                    + "' is not allowed: use " + OPERATORS);
        }
    }

    private Typed binary(BinaryExpr binary) {
        Typed left = value(binary.getLeft());
        Typed right = value(binary.getRight());
        return switch (binary.getOperator()) {
            case AND, OR -> logical(binary.getOperator(), left, right);
            case EQUALS, NOT_EQUALS -> equality(binary.getOperator() == BinaryExpr.Operator.EQUALS, left, right);
            case LESS, LESS_EQUALS, GREATER, GREATER_EQUALS -> ordering(binary.getOperator(), left, right);
            case PLUS -> left.kind() == Kind.TEXT || right.kind() == Kind.TEXT ? concatenation(left, right)
                    : arithmetic("plus", "+", left, right);
            case MINUS -> arithmetic("minus", "-", left, right);
            case MULTIPLY -> arithmetic("times", "*", left, right);
            case DIVIDE -> arithmetic("dividedBy", "/", left, right);
            default -> throw new RuleLanguageException("the operator '" + binary.getOperator().asString()
                    + "' is not allowed: use " + OPERATORS);
        };
    }

    private Typed logical(BinaryExpr.Operator operator, Typed left, Typed right) {
        requireConstraint(operator.asString());
        if (left.kind() != Kind.BOOLEAN || right.kind() != Kind.BOOLEAN) {
            throw new RuleLanguageException("'" + operator.asString() + "' joins conditions (true/false), not "
                    + left.describe() + " and " + right.describe());
        }
        String op = " " + operator.asString() + " ";
        return Typed.of(Kind.BOOLEAN, boolean.class, left.mvel() + op + right.mvel(), left.java() + op + right.java());
    }

    private Typed equality(boolean equals, Typed left, Typed right) {
        requireConstraint(equals ? "==" : "!=");
        String op = equals ? " == " : " != ";
        if (left.kind() == Kind.NULL || right.kind() == Kind.NULL) {
            Typed other = left.kind() == Kind.NULL ? right : left;
            if (other.javaClass().isPrimitive() || other.kind() == Kind.NUMBER_LITERAL || other.kind() == Kind.NULL) {
                throw new RuleLanguageException(other.describe() + " is never null: compare it with a value instead");
            }
            return Typed.same(Kind.BOOLEAN, boolean.class, left.mvel() + op + right.mvel());
        }
        if (left.numeric() && right.numeric()) {
            if (left.kind() != Kind.DECIMAL && right.kind() != Kind.DECIMAL && (left.kind() == Kind.WHOLE
                    || right.kind() == Kind.WHOLE) && (left.kind() == Kind.WHOLE || left.wholeLiteral())
                    && (right.kind() == Kind.WHOLE || right.wholeLiteral())) {
                return Typed.same(Kind.BOOLEAN, boolean.class, left.mvel() + op + right.mvel());
            }
            return Typed.same(Kind.BOOLEAN, boolean.class, "RuleMath." + (equals ? "eq" : "ne") + "("
                    + left.decimalMvel() + ", " + right.decimalMvel() + ")");
        }
        boolean comparable = left.kind() == right.kind() && switch (left.kind()) {
            case BOOLEAN, TEXT, TIME -> true;
            case ENUM, OBJECT -> left.javaClass() == right.javaClass();
            default -> false;
        };
        if (!comparable) {
            throw new RuleLanguageException("cannot compare " + left.describe() + " with " + right.describe());
        }
        return Typed.same(Kind.BOOLEAN, boolean.class, left.mvel() + op + right.mvel());
    }

    private Typed ordering(BinaryExpr.Operator operator, Typed left, Typed right) {
        requireConstraint(operator.asString());
        if (!left.numeric() || !right.numeric()) {
            throw new RuleLanguageException("'" + operator.asString() + "' compares numbers, not " + left.describe()
                    + " and " + right.describe());
        }
        if (left.kind() == Kind.WHOLE && (right.kind() == Kind.WHOLE || right.wholeLiteral())
                || right.kind() == Kind.WHOLE && left.wholeLiteral()) {
            String op = " " + operator.asString() + " ";
            return Typed.same(Kind.BOOLEAN, boolean.class, left.mvel() + op + right.mvel());
        }
        String function = switch (operator) {
            case LESS -> "lt";
            case LESS_EQUALS -> "le";
            case GREATER -> "gt";
            default -> "ge";
        };
        return Typed.same(Kind.BOOLEAN, boolean.class, "RuleMath." + function + "(" + left.decimalMvel() + ", "
                + right.decimalMvel() + ")");
    }

    private Typed arithmetic(String function, String operator, Typed left, Typed right) {
        if (!left.numeric() || !right.numeric()) {
            throw new RuleLanguageException("'" + operator + "' works on numbers, not on " + left.describe() + " and "
                    + right.describe());
        }
        return Typed.of(Kind.DECIMAL, BigDecimal.class,
                "RuleMath." + function + "(" + left.decimalMvel() + ", " + right.decimalMvel() + ")",
                "RuleMath." + function + "(" + left.decimalJava() + ", " + right.decimalJava() + ")");
    }

    /** Text joined for a Violation's detail: only in a consequence, and only of plain values. */
    private Typed concatenation(Typed left, Typed right) {
        if (place != Place.CONSEQUENCE) {
            throw new RuleLanguageException("joining text with '+' is only allowed in a consequence (for a detail)");
        }
        for (Typed part : List.of(left, right)) {
            if (part.kind() == Kind.OBJECT || part.kind() == Kind.NULL) {
                throw new RuleLanguageException("only text, numbers, enum constants and true/false can be joined into"
                        + " text, not " + part.describe());
            }
        }
        return Typed.of(Kind.TEXT, String.class, left.mvel() + " + " + right.mvel(), left.java() + " + " + right.java());
    }

    private void requireConstraint(String operator) {
        if (place != Place.CONSTRAINT) {
            throw new RuleLanguageException("'" + operator + "' belongs in a pattern, not in a consequence");
        }
    }

    // --- messages ---

    private static RuleLanguageException refused(Node node, String what) {
        return new RuleLanguageException("not allowed in a rule: " + what + " ('" + shown(node) + "'); a rule may use"
                + " literals, bound $variables, enum constants, and the properties and methods of the fact catalogue,"
                + " joined by " + OPERATORS);
    }

    /** A name for the construct a node is, for a refusal. */
    static String construct(Node node) {
        String type = node.getClass().getSimpleName();
        return switch (type) {
            case "ObjectCreationExpr" -> "creating objects (new)";
            case "ArrayCreationExpr", "ArrayInitializerExpr" -> "creating arrays";
            case "ArrayAccessExpr" -> "indexing ([...])";
            case "CastExpr", "InlineCastExpr", "FullyQualifiedInlineCastExpr" -> "casts";
            case "InstanceOfExpr" -> "instanceof";
            case "ConditionalExpr" -> "the conditional operator (? :)";
            case "LambdaExpr" -> "lambdas";
            case "MethodReferenceExpr" -> "method references (::)";
            case "ClassExpr" -> "class literals (.class)";
            case "AssignExpr" -> "assignment";
            case "SwitchExpr" -> "switch";
            case "SuperExpr" -> "super";
            case "CharLiteralExpr" -> "character literals";
            case "TextBlockLiteralExpr" -> "text blocks";
            case "LongLiteralExpr", "BigIntegerLiteralExpr" -> "this kind of number";
            case "NullSafeFieldAccessExpr", "NullSafeMethodCallExpr" -> "the null-safe operator (!.)";
            case "OOPathExpr" -> "OOPath (/...)";
            case "ListCreationLiteralExpression", "MapCreationLiteralExpression" -> "list and map literals";
            case "TemporalLiteralExpr" -> "time literals";
            case "PatternExpr", "TypePatternExpr", "RecordPatternExpr" -> "patterns";
            case "DrlxExpression" -> "a binding inside an expression (bind at the start of a constraint:"
                    + " '$x : property')";
            default -> type.replace("Expr", "").toLowerCase(java.util.Locale.ROOT);
        };
    }

    static String shown(Node node) {
        String text;
        try {
            text = PrintUtil.printNode(node);
        } catch (RuntimeException e) {
            text = node.getClass().getSimpleName();
        }
        return abbreviate(text.replaceAll("\\s+", " "));
    }

    static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }

    private static String constantsOf(CatalogueType type) {
        return String.join(", ", type.constants());
    }
}
