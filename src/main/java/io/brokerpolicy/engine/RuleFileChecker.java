package io.brokerpolicy.engine;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.Problem;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.EmptyStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.Statement;
import io.brokerpolicy.domain.policy.BundleError;
import io.brokerpolicy.engine.FactCatalogue.CatalogueType;
import io.brokerpolicy.engine.FactCatalogue.ResultType;
import io.brokerpolicy.engine.Typed.Kind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.drools.drl.ast.descr.AndDescr;
import org.drools.drl.ast.descr.AnnotatedBaseDescr;
import org.drools.drl.ast.descr.AttributeDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.ExistsDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.ImportDescr;
import org.drools.drl.ast.descr.NotDescr;
import org.drools.drl.ast.descr.OrDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.QueryDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsError;
import org.drools.drl.parser.DroolsParserException;
import org.drools.drl.parser.ParserError;
import org.drools.mvel.parser.MvelParser;
import org.drools.mvel.parser.ParseStart;
import org.drools.mvel.parser.StringProvider;
import org.kie.internal.builder.conf.LanguageLevelOption;

/**
 * Checks one rule file against the rule language and writes the file the service compiles instead of it.
 *
 * <p>The file is read by Drools' own parser ({@link DrlParser}, the parser the compiler uses) into a
 * {@link PackageDescr}; each constraint by Drools' DRLX expression parser; each consequence by a Java parser.
 * Every element of those trees is either on the allow-list (the {@link FactCatalogue}, a small grammar of
 * conditions and three consequence statements) or refused with its line and what is allowed instead. The
 * compiled file is then written from the checked trees alone, so text the check did not understand (a comment
 * trick, an escape, a construct one parser reads differently from another) never reaches the compiler.
 */
final class RuleFileChecker {

    /** The rule engine's handle on the evaluation, declared in every compiled file (no rule can name it). */
    static final String ACTIONS_GLOBAL = "brokerpolicyActions";
    private static final Pattern PACKAGE = Pattern.compile("brokerpolicy(\\.[a-z][a-z0-9_]{0,40}){1,4}");
    private static final Pattern RULE_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9 _.:()/-]{0,99}");
    private static final Pattern VARIABLE = Pattern.compile("\\$[A-Za-z][A-Za-z0-9_]{0,40}");
    /** ruleflow-group is Drools' newer spelling of agenda-group; either names the phase. */
    private static final Set<String> ALLOWED_ATTRIBUTES = Set.of("agenda-group", "ruleflow-group", "no-loop", "dialect");
    private static final int MAX_ERRORS = 50;
    /** {@code $name :} at the start of a constraint: DRL's binding, which the expression grammar does not read. */
    private static final Pattern BINDING = Pattern.compile("\\s*([$A-Za-z_][A-Za-z0-9_$]*)\\s*:(?!=)(.*)", Pattern.DOTALL);

    /** A checked file: the text to compile in its place, and its rules. */
    record Checked(String file, String packageName, String drl, List<String> rules) {
    }

    private final FactCatalogue catalogue;
    private final RuleContext context;
    private final String file;
    private final List<BundleError> errors = new ArrayList<>();
    private final Emitter out = new Emitter();
    private String source = "";

    RuleFileChecker(FactCatalogue catalogue, RuleContext context, String file) {
        this.catalogue = catalogue;
        this.context = context;
        this.file = file;
    }

    List<BundleError> errors() {
        return errors;
    }

    /** The checked file, or null when there are errors (then {@link #errors()} has them). */
    Checked check(String drl) {
        this.source = drl;
        RuleLanguageException tooBig = RuleFileLimits.check(drl);
        if (tooBig != null) {
            error(tooBig.line(), tooBig.getMessage());
            return null;
        }
        PackageDescr pkg = parse(drl);
        if (pkg == null) {
            return null;
        }
        checkPackage(pkg);
        if (pkg.getRules().size() > RuleFileLimits.MAX_RULES_PER_FILE) {
            error(1, "the file has " + pkg.getRules().size() + " rules; a file may have at most "
                    + RuleFileLimits.MAX_RULES_PER_FILE);
            return null;
        }
        List<String> rules = new ArrayList<>();
        for (RuleDescr rule : pkg.getRules()) {
            if (errors.size() >= MAX_ERRORS) {
                break;
            }
            String name = checkRule(rule);
            if (name != null) {
                rules.add(name);
            }
        }
        if (pkg.getRules().isEmpty()) {
            error(1, "the file has no rule");
        }
        return errors.isEmpty() ? new Checked(file, pkg.getName(), out.text(), List.copyOf(rules)) : null;
    }

    private PackageDescr parse(String drl) {
        DrlParser parser = new DrlParser(LanguageLevelOption.DRL6);
        PackageDescr pkg;
        try {
            pkg = parser.parse(false, drl);
        } catch (DroolsParserException e) {
            pkg = null;
        }
        if (parser.hasErrors() || pkg == null) {
            for (DroolsError problem : parser.getErrors()) {
                int line = problem instanceof ParserError p ? Math.max(p.getRow(), 0) : Math.max(problem.getLines()[0], 0);
                error(line, "syntax: " + firstLine(problem.getMessage()));
                if (errors.size() >= 10) {
                    break;
                }
            }
            if (errors.isEmpty()) {
                error(1, "the file could not be read as rules");
            }
            return null;
        }
        return pkg;
    }

    // --- package level ---

    private void checkPackage(PackageDescr pkg) {
        String name = pkg.getName();
        if (name == null || !PACKAGE.matcher(name).matches()) {
            error(Math.max(pkg.getLine(), 1), "the package must be named brokerpolicy.<name> in lower case (such as"
                    + " 'package brokerpolicy.concentration'), not '" + name + "'");
        }
        for (ImportDescr imported : pkg.getImports()) {
            String target = imported.getTarget() == null ? "" : imported.getTarget().trim();
            boolean known = catalogue.importedClasses().stream().anyMatch(c -> c.getName().equals(target));
            if (!known) {
                error(imported.getLine(), "import " + target + " is not allowed: a rule file may import only the"
                        + " catalogue's types (" + catalogueNames() + "), and needs no import for them");
            }
        }
        refuseAll(pkg.getFunctionImports(), "import function", "rules call no static functions");
        refuseAll(pkg.getAccumulateImports(), "import accumulate", "rules use no accumulate functions");
        refuseAll(pkg.getGlobals(), "global", "the service gives rules no globals; rules insert results");
        refuseAll(pkg.getFunctions(), "function", "a rule file holds rules only");
        refuseAll(pkg.getTypeDeclarations(), "declare", "rules use the catalogue's fact types only");
        refuseAll(pkg.getEnumDeclarations(), "declare enum", "rules use the catalogue's enums only");
        refuseAll(pkg.getEntryPointDeclarations(), "entry point", "facts enter the session one way only");
        refuseAll(pkg.getWindowDeclarations(), "window", "rules reason about one snapshot, not event streams");
        if (pkg.getUnit() != null) {
            error(pkg.getUnit().getLine(), "rule units are not allowed: a rule file holds plain rules");
        }
        for (AttributeDescr attribute : pkg.getAttributes()) {
            if (!("dialect".equals(attribute.getName()) && "java".equals(attribute.getValue()))) {
                error(attribute.getLine(), "the file-wide attribute '" + attribute.getName() + "' is not allowed: give"
                        + " each rule its agenda-group (dialect \"java\" is the only dialect)");
            }
        }
        out.header(name == null ? "brokerpolicy.invalid" : name, catalogue);
    }

    private void refuseAll(java.util.Collection<? extends BaseDescr> descrs, String what, String why) {
        for (BaseDescr descr : descrs) {
            error(descr.getLine(), what + " is not allowed: " + why);
        }
    }

    // --- rules ---

    private String checkRule(RuleDescr rule) {
        int errorsBefore = errors.size();
        int line = Math.max(rule.getLine(), 1);
        if (rule instanceof QueryDescr || rule.isQuery()) {
            error(line, "queries are not allowed: the service reads the results it needs itself");
            return null;
        }
        String name = rule.getName();
        if (name == null || !RULE_NAME.matcher(name).matches()) {
            error(line, "a rule name is a letter then at most 99 letters, digits, spaces or . : ( ) / _ -, not '"
                    + ExpressionTranslator.abbreviate(String.valueOf(name)) + "'");
        }
        if (rule.hasParent()) {
            error(line, "rule inheritance (extends) is not allowed: write each rule's conditions in full");
        }
        refuseAnnotations(rule, "a rule");
        if (rule.getUnit() != null) {
            error(line, "rule units are not allowed");
        }
        if (!rule.getNamedConsequences().isEmpty()) {
            error(line, "named consequences (then[...], do[...], break[...]) are not allowed: a rule has one then");
        }
        String phase = attributes(rule, line);

        Map<String, Typed> variables = new LinkedHashMap<>();
        Lhs lhs = new Lhs();
        List<String> conditions = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        AndDescr root = rule.getLhs();
        if (root != null) {
            for (BaseDescr element : root.getDescrs()) {
                String condition = condition(element, variables, lhs, 1);
                if (condition != null) {
                    conditions.add(condition);
                    lines.add(element.getLine());
                }
            }
            refuseAnnotations(root, "a condition");
        }
        if (lhs.patterns > RuleFileLimits.MAX_PATTERNS_PER_RULE) {
            error(line, "the rule has " + lhs.patterns + " patterns; at most " + RuleFileLimits.MAX_PATTERNS_PER_RULE
                    + " are allowed");
        }
        if (lhs.manyPatterns > RuleFileLimits.MAX_MANY_PATTERNS_PER_RULE) {
            error(line, "the rule has " + lhs.manyPatterns + " patterns on facts of which an account has many ("
                    + manyFacts() + "); at most " + RuleFileLimits.MAX_MANY_PATTERNS_PER_RULE + " are allowed, since each"
                    + " one multiplies the work of every evaluation");
        }
        List<String> statements = consequence(rule, variables);
        if (errors.size() > errorsBefore) {
            return null;
        }
        out.rule(line, name, phase, "true".equals(attributeValue(rule, "no-loop")), conditions, lines, statements,
                Math.max(rule.getConsequenceLine(), 1));
        return name;
    }

    private String attributes(RuleDescr rule, int line) {
        for (Map.Entry<String, AttributeDescr> attribute : rule.getAttributes().entrySet()) {
            String name = attribute.getKey();
            String value = attribute.getValue().getValue();
            int at = Math.max(attribute.getValue().getLine(), line);
            if (!ALLOWED_ATTRIBUTES.contains(name)) {
                String why = switch (name) {
                    case "salience" -> "rules are ordered by their phase (agenda-group), not by salience numbers";
                    case "timer", "duration", "calendars" -> "rules judge one snapshot now; nothing is scheduled";
                    case "enabled", "date-effective", "date-expires" -> "a rule is switched on or off by editing its"
                            + " file, and its conditions may not be code";
                    default -> "a rule may set only agenda-group (its phase) and no-loop";
                };
                error(at, "the attribute '" + name + "' is not allowed: " + why);
            } else if (name.equals("dialect") && !"java".equals(value)) {
                error(at, "dialect \"" + value + "\" is not allowed: only dialect \"java\"");
            } else if (name.equals("no-loop") && !"true".equals(value) && !"false".equals(value)) {
                error(at, "no-loop is true or false");
            }
        }
        String phase = attributeValue(rule, "agenda-group");
        String flowGroup = attributeValue(rule, "ruleflow-group");
        if (phase != null && flowGroup != null && !phase.equals(flowGroup)) {
            error(line, "agenda-group and ruleflow-group name two phases; write agenda-group once");
        }
        phase = phase == null ? flowGroup : phase;
        if (phase == null) {
            error(line, "the rule names no phase: add agenda-group \"<phase>\" with one of " + catalogue.phaseNames());
        } else if (!catalogue.phaseNames().contains(phase)) {
            error(line, "agenda-group \"" + phase + "\" is not a phase; the phases, in order: " + catalogue.phaseNames());
        }
        return phase;
    }

    private static String attributeValue(RuleDescr rule, String name) {
        AttributeDescr attribute = rule.getAttributes().get(name);
        return attribute == null ? null : attribute.getValue();
    }

    private void refuseAnnotations(BaseDescr descr, String where) {
        if (descr instanceof AnnotatedBaseDescr annotated && !annotated.getAnnotations().isEmpty()) {
            error(descr.getLine(), "annotations (@...) on " + where + " are not allowed");
        }
    }

    /** How many patterns a rule has, and how many on facts of which there are many. */
    private static final class Lhs {
        int patterns;
        int manyPatterns;
    }

    /** One condition element, written out again; null when refused. */
    private String condition(BaseDescr element, Map<String, Typed> variables, Lhs lhs, int depth) {
        int line = Math.max(element.getLine(), 1);
        if (depth > RuleFileLimits.MAX_CONDITION_NESTING) {
            error(line, "conditions nest more than " + RuleFileLimits.MAX_CONDITION_NESTING + " deep (not, exists, or,"
                    + " and inside each other)");
            return null;
        }
        if (element instanceof PatternDescr pattern) {
            return pattern(pattern, variables, lhs);
        }
        if (element instanceof NotDescr || element instanceof ExistsDescr) {
            String keyword = element instanceof NotDescr ? "not" : "exists";
            List<BaseDescr> inner = ((org.drools.drl.ast.descr.ConditionalElementDescr) element).getDescrs().stream()
                    .map(BaseDescr.class::cast).toList();
            // What is bound inside 'not' or 'exists' is not visible after it.
            Map<String, Typed> local = new LinkedHashMap<>(variables);
            List<String> parts = new ArrayList<>();
            for (BaseDescr part : inner) {
                String written = condition(part, local, lhs, depth + 1);
                if (written == null) {
                    return null;
                }
                parts.add(written);
            }
            return keyword + " ( " + String.join(" and ", parts) + " )";
        }
        if (element instanceof AndDescr || element instanceof OrDescr) {
            boolean or = element instanceof OrDescr;
            List<String> parts = new ArrayList<>();
            for (Object part : ((org.drools.drl.ast.descr.ConditionalElementDescr) element).getDescrs()) {
                // Bindings inside 'or' would exist in some branches only: refuse them, keep 'and' bindings visible.
                Map<String, Typed> scope = or ? new NoBindings(variables) : variables;
                String written = condition((BaseDescr) part, scope, lhs, depth + 1);
                if (written == null) {
                    return null;
                }
                parts.add(written);
            }
            return "( " + String.join(or ? " or " : " and ", parts) + " )";
        }
        error(line, conditionalElement(element) + " is not allowed in a condition: write patterns on the catalogue's"
                + " facts, joined by and, or, not and exists");
        return null;
    }

    private static String conditionalElement(BaseDescr element) {
        return switch (element.getClass().getSimpleName()) {
            case "EvalDescr" -> "eval";
            case "ForallDescr" -> "forall";
            case "AccumulateDescr" -> "accumulate";
            case "CollectDescr" -> "collect";
            case "FromDescr" -> "from";
            case "EntryPointDescr" -> "an entry point";
            case "ConditionalBranchDescr" -> "if ... do/break";
            case "NamedConsequenceDescr" -> "do[...]/break[...]";
            case "WindowReferenceDescr" -> "a window";
            case "GroupByDescr" -> "groupby";
            default -> element.getClass().getSimpleName().replace("Descr", "");
        };
    }

    /** A variable scope in which nothing new may be bound. */
    private static final class NoBindings extends LinkedHashMap<String, Typed> {
        NoBindings(Map<String, Typed> visible) {
            super(visible);
        }

        @Override
        public Typed put(String key, Typed value) {
            throw new RuleLanguageException("variables may not be bound inside 'or': bind them before it");
        }
    }

    private String pattern(PatternDescr pattern, Map<String, Typed> variables, Lhs lhs) {
        int line = Math.max(pattern.getLine(), 1);
        int before = errors.size();
        if (pattern.getSource() != null) {
            error(line, conditionalElement(pattern.getSource()) + " is not allowed: a pattern matches facts in the"
                    + " session only (no from, collect, accumulate, entry points or windows)");
            return null;
        }
        if (pattern.isQuery()) {
            error(line, "calling a query is not allowed");
            return null;
        }
        if (pattern.isUnification()) {
            error(line, "unification (:=) is not allowed: bind with ':'");
            return null;
        }
        if (!pattern.getBehaviors().isEmpty()) {
            error(line, "windows (over ...) are not allowed");
            return null;
        }
        refuseAnnotations(pattern, "a pattern");
        String typeName = pattern.getObjectType() == null ? "" : pattern.getObjectType().trim();
        CatalogueType type = catalogue.type(typeName).filter(t -> t.role() == FactCatalogue.Role.FACT).orElse(null);
        if (type == null) {
            error(line, "a pattern on '" + ExpressionTranslator.abbreviate(typeName) + "' is not allowed: patterns match"
                    + " the catalogue's facts only (" + String.join(", ", catalogue.facts().stream()
                    .map(CatalogueType::name).toList()) + ")");
            return null;
        }
        lhs.patterns++;
        if (type.many()) {
            lhs.manyPatterns++;
        }
        if (pattern.getDescrs().size() > RuleFileLimits.MAX_CONSTRAINTS_PER_PATTERN) {
            error(line, "a pattern may have at most " + RuleFileLimits.MAX_CONSTRAINTS_PER_PATTERN + " constraints");
            return null;
        }
        List<String> constraints = new ArrayList<>();
        Map<String, Typed> local = new HashMap<>(variables);
        for (BaseDescr descr : pattern.getDescrs()) {
            int at = Math.max(descr.getLine(), line);
            if (!(descr instanceof ExprConstraintDescr constraint)) {
                error(at, "this form of constraint is not allowed: write conditions on the fact's properties");
                continue;
            }
            if (constraint.getType() != ExprConstraintDescr.Type.NAMED) {
                error(at, "positional constraints (';') are not allowed: name each property");
                continue;
            }
            try {
                constraints.add(constraint(constraint.getExpression(), type, local, variables));
            } catch (RuleLanguageException e) {
                error(at, e.getMessage());
            }
        }
        String identifier = pattern.getIdentifier();
        if (identifier != null) {
            try {
                bind(variables, identifier, Typed.same(Kind.OBJECT, type.type(), identifier), true);
            } catch (RuleLanguageException e) {
                error(line, e.getMessage());
            }
        }
        if (errors.size() > before) {
            return null;
        }
        return (identifier == null ? "" : identifier + " : ") + type.type().getSimpleName() + "( "
                + String.join(", ", constraints) + " )";
    }

    /** One constraint of a pattern: a condition, or a binding of a property to a variable. */
    private String constraint(String text, CatalogueType type, Map<String, Typed> local, Map<String, Typed> outer) {
        if (text == null || text.isBlank()) {
            throw new RuleLanguageException("an empty constraint");
        }
        if (text.length() > RuleFileLimits.MAX_CONSTRAINT_CHARS) {
            throw new RuleLanguageException("a constraint may have at most " + RuleFileLimits.MAX_CONSTRAINT_CHARS
                    + " characters");
        }
        java.util.regex.Matcher binding = BINDING.matcher(text);
        String variable = binding.matches() ? binding.group(1) : null;
        String body = variable == null ? text : binding.group(2);
        // Drools' DRLX expression grammar, read to the end of the text: nothing after the expression is ignored
        ParseResult<Expression> parsed = new MvelParser(new ParserConfiguration())
                .parse(ParseStart.EXPRESSION, new StringProvider(body));
        if (!parsed.isSuccessful() || parsed.getResult().isEmpty()) {
            throw new RuleLanguageException("the constraint '" + ExpressionTranslator.abbreviate(text.strip())
                    + "' cannot be read: " + problem(parsed.getProblems()));
        }
        Expression expression = parsed.getResult().get();
        ExpressionTranslator translator = new ExpressionTranslator(catalogue, context,
                ExpressionTranslator.Place.CONSTRAINT, type, local);
        if (variable != null) {
            Typed value = translator.value(expression);
            if (value.kind() == Kind.NULL || value.kind() == Kind.NUMBER_LITERAL || value.kind() == Kind.TEXT
                    && value.text() != null) {
                throw new RuleLanguageException("bind a property, not a literal: '" + variable + " : notional'");
            }
            if (value.kind() == Kind.BOOLEAN && !(expression instanceof com.github.javaparser.ast.expr.NameExpr)
                    && !(expression instanceof MethodCallExpr)
                    && !(expression instanceof com.github.javaparser.ast.expr.FieldAccessExpr)) {
                throw new RuleLanguageException("a binding takes a property, not a condition: write '" + variable
                        + " : <property>' and the condition as a constraint of its own");
            }
            bind(local, variable, value, false);
            bind(outer, variable, value, false);
            return variable + " : " + value.mvel();
        }
        return translator.condition(expression).mvel();
    }

    private void bind(Map<String, Typed> variables, String name, Typed value, boolean fact) {
        if (!VARIABLE.matcher(name).matches()) {
            throw new RuleLanguageException("a variable is written $name (a letter, then letters, digits or _), not '"
                    + ExpressionTranslator.abbreviate(name) + "'");
        }
        if (variables.containsKey(name)) {
            throw new RuleLanguageException("'" + name + "' is bound twice");
        }
        variables.put(name, Typed.variable(name, value, fact));
    }

    // --- consequences ---

    private List<String> consequence(RuleDescr rule, Map<String, Typed> variables) {
        int line = consequenceStart(rule);
        Object consequence = rule.getConsequence();
        if (consequence == null) {
            error(line, "the rule has no then part");
            return List.of();
        }
        if (!(consequence instanceof String text)) {
            error(line, "the consequence could not be read");
            return List.of();
        }
        if (text.length() > RuleFileLimits.MAX_CONSEQUENCE_CHARS) {
            error(line, "a consequence may have at most " + RuleFileLimits.MAX_CONSEQUENCE_CHARS + " characters");
            return List.of();
        }
        ParserConfiguration configuration = new ParserConfiguration()
                .setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17)
                .setAttributeComments(false)
                .setPreprocessUnicodeEscapes(false);
        ParseResult<BlockStmt> parsed = new JavaParser(configuration).parseBlock("{" + text + "\n}");
        if (!parsed.isSuccessful() || parsed.getResult().isEmpty()) {
            String why = text.strip().startsWith("modify")
                    ? "modify is not allowed: no fact has properties a rule may set (the engine updates the facts a"
                    + " close-out changes)"
                    : "it cannot be read as insert/delete/update statements: " + problem(parsed.getProblems());
            error(problemLine(parsed.getProblems(), line), "the consequence " + why);
            return List.of();
        }
        List<String> statements = new ArrayList<>();
        List<Statement> written = parsed.getResult().get().getStatements();
        if (written.size() > RuleFileLimits.MAX_STATEMENTS) {
            error(line, "a consequence may have at most " + RuleFileLimits.MAX_STATEMENTS + " statements");
            return List.of();
        }
        for (Statement statement : written) {
            int at = line + statement.getBegin().map(p -> p.line - 1).orElse(0);
            try {
                String code = statement(statement, variables);
                if (code != null) {
                    statements.add(code);
                }
            } catch (RuleLanguageException e) {
                error(at, e.getMessage());
            }
        }
        return statements;
    }

    private String statement(Statement statement, Map<String, Typed> variables) {
        if (statement instanceof EmptyStmt) {
            return null;
        }
        if (!(statement instanceof ExpressionStmt expressionStatement)
                || !(expressionStatement.getExpression() instanceof MethodCallExpr call)
                || call.getScope().isPresent()) {
            throw new RuleLanguageException("'" + ExpressionTranslator.shown(statement) + "' is not allowed after then:"
                    + " a consequence is insert( new <result>( ... ) ), delete( $fact ) or update( $fact ) (results: "
                    + String.join(", ", catalogue.results().keySet()) + ")");
        }
        String method = call.getNameAsString();
        List<Expression> arguments = call.getArguments();
        switch (method) {
            case "insert" -> {
                if (arguments.size() != 1 || !(arguments.get(0) instanceof ObjectCreationExpr creation)) {
                    throw new RuleLanguageException("insert takes one new result: insert( new Violation( ... ) )");
                }
                return ACTIONS_GLOBAL + ".insert( drools, " + creation(creation, variables) + " );";
            }
            case "delete", "update" -> {
                if (arguments.size() != 1) {
                    throw new RuleLanguageException(method + " takes one bound fact: " + method + "( $p )");
                }
                Typed target = new ExpressionTranslator(catalogue, context, ExpressionTranslator.Place.CONSEQUENCE, null,
                        variables).value(arguments.get(0));
                if (!target.factVariable()) {
                    throw new RuleLanguageException(method + " takes a fact bound by a pattern ($p : PositionState( ... )),"
                            + " not '" + ExpressionTranslator.shown(arguments.get(0)) + "'");
                }
                return method + "( " + target.java() + " );";
            }
            default -> throw new RuleLanguageException("'" + method + "' is not allowed after then: a consequence is"
                    + " insert( new <result>( ... ) ), delete( $fact ) or update( $fact )"
                    + (method.equals("retract") ? " (retract is written delete)" : ""));
        }
    }

    private String creation(ObjectCreationExpr creation, Map<String, Typed> variables) {
        if (creation.getScope().isPresent() || creation.getAnonymousClassBody().isPresent()
                || creation.getTypeArguments().isPresent() || creation.getType().getTypeArguments().isPresent()) {
            throw new RuleLanguageException("insert( new <result>( ... ) ) with plain arguments only: no class bodies,"
                    + " type arguments or qualified creation");
        }
        String typeName = creation.getType().getNameWithScope();
        ResultType result = catalogue.result(typeName).orElseThrow(() -> new RuleLanguageException("a rule may not"
                + " create '" + ExpressionTranslator.abbreviate(typeName) + "': it may insert only the catalogue's"
                + " results (" + String.join(", ", catalogue.results().keySet()) + ")"));
        List<Expression> arguments = creation.getArguments();
        if (arguments.size() != result.arguments().size()) {
            throw new RuleLanguageException("new " + result.name() + " takes " + result.arguments().size()
                    + " arguments (" + String.join(", ", result.arguments().stream().map(FactCatalogue.Argument::name)
                    .toList()) + "), not " + arguments.size());
        }
        ExpressionTranslator translator = new ExpressionTranslator(catalogue, context,
                ExpressionTranslator.Place.CONSEQUENCE, null, variables);
        List<String> code = new ArrayList<>();
        for (int i = 0; i < arguments.size(); i++) {
            FactCatalogue.Argument parameter = result.arguments().get(i);
            Typed value = translator.value(arguments.get(i));
            if (parameter.rule() == FactCatalogue.ArgumentRule.VIOLATION_CODE) {
                translator.violationCode(value, arguments.get(i));
            }
            if (parameter.type() == io.brokerpolicy.domain.PositionState.class && !value.factVariable()) {
                throw new RuleLanguageException(result.name() + " takes a position bound by a pattern ($next :"
                        + " PositionState( ... ))");
            }
            code.add(translator.argumentCode(value, parameter.type(), "new " + result.name() + "'s " + parameter.name(),
                    false));
        }
        return "new " + result.type().getSimpleName() + "( " + String.join(", ", code) + " )";
    }

    /**
     * The line the consequence's text starts on. The parser gives the line of 'then' and the text without its
     * leading blank, so the text is looked up in the file from there.
     */
    private int consequenceStart(RuleDescr rule) {
        int thenLine = Math.max(rule.getConsequenceLine(), 1);
        if (!(rule.getConsequence() instanceof String text) || text.isBlank()) {
            return thenLine;
        }
        int from = 0;
        for (int line = 1; line < thenLine && from >= 0; line++) {
            from = source.indexOf('\n', from) + 1;
            if (from == 0) {
                return thenLine;
            }
        }
        int at = source.indexOf(text, from);
        if (at < 0) {
            return thenLine;
        }
        int line = thenLine;
        for (int i = from; i < at; i++) {
            if (source.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    // --- helpers ---

    private String manyFacts() {
        return String.join(", ", catalogue.facts().stream().filter(CatalogueType::many).map(CatalogueType::name).toList());
    }

    private String catalogueNames() {
        return String.join(", ", catalogue.importedClasses().stream().map(Class::getSimpleName).toList());
    }

    private static String problem(List<Problem> problems) {
        if (problems.isEmpty()) {
            return "unexpected input";
        }
        return firstLine(problems.get(0).getMessage());
    }

    private static int problemLine(List<Problem> problems, int consequenceLine) {
        return problems.stream().findFirst()
                .flatMap(p -> p.getLocation().flatMap(l -> l.getBegin().getRange()).map(r -> r.begin.line))
                .map(l -> consequenceLine + Math.max(l - 1, 0)).orElse(consequenceLine);
    }

    private static String firstLine(String message) {
        String text = message == null ? "" : message.strip();
        int newline = text.indexOf('\n');
        return ExpressionTranslator.abbreviate(newline < 0 ? text : text.substring(0, newline)).replace('\r', ' ');
    }

    private void error(int line, String message) {
        if (errors.size() < MAX_ERRORS) {
            errors.add(new BundleError(file, Math.max(line, 0), message));
        }
    }

    /** Writes the compiled file, keeping each rule and pattern on its original line where it can. */
    private static final class Emitter {
        private final StringBuilder text = new StringBuilder();
        private int line = 1;

        void header(String packageName, FactCatalogue catalogue) {
            text.append("package ").append(packageName).append('\n');
            line++;
            StringBuilder imports = new StringBuilder();
            for (Class<?> type : catalogue.importedClasses()) {
                imports.append("import ").append(type.getName()).append("; ");
            }
            imports.append("import ").append(RuleMath.class.getName()).append("; ");
            text.append(imports).append('\n');
            line++;
            text.append("global ").append(RuleActions.class.getName()).append(' ').append(ACTIONS_GLOBAL).append('\n');
            line++;
        }

        void rule(int at, String name, String phase, boolean noLoop, List<String> conditions, List<Integer> lines,
                  List<String> statements, int thenLine) {
            moveTo(at);
            append("rule \"" + name + "\" ruleflow-group \"" + phase + "\"" + (noLoop ? " no-loop true" : "") + " when");
            for (int i = 0; i < conditions.size(); i++) {
                moveTo(lines.get(i));
                append(" " + conditions.get(i));
            }
            moveTo(thenLine);
            append(" then");
            for (String statement : statements) {
                newLine();
                append("    " + statement);
            }
            newLine();
            append("end");
            newLine();
        }

        private void moveTo(int target) {
            while (line < target) {
                newLine();
            }
        }

        private void newLine() {
            text.append('\n');
            line++;
        }

        private void append(String code) {
            text.append(code);
        }

        String text() {
            return text.toString();
        }
    }
}
