package io.brokerpolicy.engine;

import io.brokerpolicy.domain.PositionSortKey;
import io.brokerpolicy.domain.ViolationCode;
import io.brokerpolicy.engine.FactCatalogue.Argument;
import io.brokerpolicy.engine.FactCatalogue.CatalogueType;
import io.brokerpolicy.engine.FactCatalogue.Operation;
import io.brokerpolicy.engine.FactCatalogue.Phase;
import io.brokerpolicy.engine.FactCatalogue.Property;
import io.brokerpolicy.engine.FactCatalogue.ResultType;
import io.brokerpolicy.engine.FactCatalogue.Role;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Writes {@code docs/rule-language.md} from the {@link FactCatalogue}: the reference a rule author reads is the
 * allow-list the service enforces, never a description of it written by hand. {@code RuleLanguageDocTest} fails
 * when the file and the catalogue differ. To write the file again:
 * <pre>
 * ./mvnw -q compile exec:java -Dexec.mainClass=io.brokerpolicy.engine.RuleLanguageDoc -Dexec.args=docs/rule-language.md
 * </pre>
 */
public final class RuleLanguageDoc {

    private RuleLanguageDoc() {
    }

    public static void main(String[] args) throws IOException {
        Path target = Path.of(args.length > 0 ? args[0] : "docs/rule-language.md");
        Files.writeString(target, markdown(FactCatalogue.standard()), StandardCharsets.UTF_8);
        System.out.println("wrote " + target);
    }

    public static String markdown(FactCatalogue catalogue) {
        StringBuilder md = new StringBuilder();
        md.append("""
                <!-- Generated from FactCatalogue by RuleLanguageDoc: do not edit. Regenerate with
                     ./mvnw -q compile exec:java -Dexec.mainClass=io.brokerpolicy.engine.RuleLanguageDoc -Dexec.args=docs/rule-language.md -->
                # The rule language

                A rule file (`rules/*.drl`) is written in a small, checked part of Drools' rule language. Every file is
                read by Drools' own parser and checked against the catalogue below before anything compiles it: a
                rule may match only the **facts** listed here, read their **properties**, call their **methods**,
                compare with literals and **enum constants**, and **insert** the **results** listed here. Anything
                else is refused with its file, line and what is allowed instead (docs/security.md says why). The
                service compiles the file it wrote from what the check accepted, never the text itself.

                ```
                package brokerpolicy.concentration

                rule "SinglePositionAboveConcentrationLimit"
                    agenda-group "limits"
                when
                    PolicyTerms( $limitPercent : param( "concentrationLimitPercent" ) )
                    $account : MarginAccount( initialEquity > 0 )
                    $p : PositionState( notional > $account.initialEquity * $limitPercent / 100 )
                then
                    insert( new Violation( "CONCENTRATION_LIMIT_EXCEEDED", $p.positionId,
                            $account.initialEquity * $limitPercent / 100, $p.notional,
                            "limit of " + $limitPercent + "%% of equity" ) );
                end
                ```

                ## A rule, part by part

                - `package brokerpolicy.<name>` in lower case. No `import` is needed; imports of the catalogue's
                  types are allowed, any other import is refused.
                - `rule "<Name>"`: a letter, then letters, digits, spaces or `. : ( ) / _ -`. Names are unique in the
                  bundle: verdicts name the rule that decided.
                - **Attributes**: `agenda-group "<phase>"` (required; `ruleflow-group` is the same) and `no-loop`.
                  Nothing else: no `salience`, `timer`, `calendars`, `enabled`, `date-effective`, `date-expires`,
                  `auto-focus`, `activation-group`, `dialect` other than `"java"`, annotations or `extends`.
                - **Conditions** (`when`): patterns on the facts below, `Type( constraint, constraint, ... )`,
                  optionally bound (`$p : PositionState( ... )`), joined by `and`, `or`, `not` and `exists`
                  (nested at most %d deep). A property may be bound inside a pattern (`$limit : param( "x" )`,
                  `$order : closeOutOrder`) and used in later patterns and the consequence.
                - **Consequences** (`then`): only `insert( new <Result>( ... ) );`, `delete( $fact );` and
                  `update( $fact );` of a fact bound by a pattern. The engine names the rule on what it inserts and
                  carries out close-out steps itself, updating every fact whose figures they change.

                ### Expressions

                - literals: decimal numbers (`25`, `0.5`; no exponent, suffix, hex or octal), text in double quotes
                  (at most %d characters of letters, digits, spaces and `. , : ; %% ( ) / _ + - * = < > ! ? & ' [ ]`),
                  `true`, `false`, `null`;
                - bound `$variables`, `this` (inside a pattern: the fact it matches), enum constants
                  (`AccountStatus.STOP_OUT`), `BigDecimal.ZERO`, `ONE`, `TEN`;
                - properties (`notional`, `$p.notional`, also written `$p.getNotional()`) and methods of the catalogue;
                - operators `%s`. Decimals are compared by value (`2.0 == 2.00`); a comparison with a missing
                  figure (null) is false; `+ - * /` work to 34 significant digits, and on a missing figure give a
                  missing figure. `+` also joins text in a consequence (a Violation's detail).
                - Not allowed: `matches`, `soundslike`, `contains`, `memberOf`, `str`, `in`, the time operators,
                  `eval`, `from`, `collect`, `accumulate`, `forall`, entry points, windows, OOPath, casts, `new`
                  (except a result in `insert`), lambdas, `.class`, `!.`, `#`, array access, methods outside the
                  catalogue (`pow`, `setScale`, `format`, `repeat`, `getClass`...), `function`, `global`, `query`,
                  `declare`, named consequences.

                ### Limits

                A file has at most %d characters and %d rules, brackets nest at most %d deep; a bundle has at most %d
                rules. A rule has at most %d patterns, of which at most %d on facts of which an account has many
                (%s): each such pattern multiplies the work of every evaluation. A pattern has at most %d constraints
                of at most %d characters and %d parts each; a consequence at most %d statements.

                """.formatted(RuleFileLimits.MAX_CONDITION_NESTING, ExpressionTranslator.MAX_TEXT_LITERAL,
                ExpressionTranslator.OPERATORS, RuleFileLimits.MAX_FILE_CHARS, RuleFileLimits.MAX_RULES_PER_FILE,
                RuleFileLimits.MAX_NESTING, RuleFileLimits.MAX_RULES_PER_BUNDLE, RuleFileLimits.MAX_PATTERNS_PER_RULE,
                RuleFileLimits.MAX_MANY_PATTERNS_PER_RULE, catalogue.facts().stream().filter(CatalogueType::many)
                        .map(CatalogueType::name).collect(Collectors.joining(", ")),
                RuleFileLimits.MAX_CONSTRAINTS_PER_PATTERN, RuleFileLimits.MAX_CONSTRAINT_CHARS,
                ExpressionTranslator.MAX_NODES, RuleFileLimits.MAX_STATEMENTS));

        md.append("## Phases\n\nEvery rule names its phase with `agenda-group`. The phases run in this order, each"
                + " until no rule of it can fire; a rule never fires in a phase that has finished.\n\n"
                + "| phase | what its rules decide |\n| --- | --- |\n");
        for (Phase phase : catalogue.phases()) {
            md.append("| `").append(phase.name()).append("` | ").append(phase.meaning()).append(" |\n");
        }

        md.append("\n## Facts\n\nWhat a pattern may match.\n");
        for (CatalogueType type : catalogue.types().values()) {
            if (type.role() == Role.FACT) {
                type(md, type, catalogue);
            }
        }
        md.append("\n## Values\n\nReached through a property; never matched by a pattern.\n");
        for (CatalogueType type : catalogue.types().values()) {
            if (type.role() == Role.VALUE) {
                type(md, type, catalogue);
            }
        }
        md.append("\n## Enums\n\n| enum | constants | meaning |\n| --- | --- | --- |\n");
        for (CatalogueType type : catalogue.types().values()) {
            if (type.role() == Role.ENUM) {
                md.append("| `").append(type.name()).append("` | ")
                        .append(type.constants().stream().map(c -> "`" + c + "`").collect(Collectors.joining(", ")))
                        .append(" | ").append(type.meaning()).append(" |\n");
            }
        }

        md.append("\n## Results\n\nWhat a consequence may insert. Close-out steps are carried out by the engine,"
                + " which then deletes a closed position, updates a reduced one and updates CurrentMargin and"
                + " CurrentMaintenanceMargin.\n");
        for (ResultType result : catalogue.results().values()) {
            md.append("\n### ").append(result.name()).append(result.closeOut() ? " (close-out step)" : "")
                    .append("\n\n").append(result.meaning()).append("\n\n```\n").append(result.example())
                    .append("\n```\n\n| argument | type | meaning |\n| --- | --- | --- |\n");
            for (Argument argument : result.arguments()) {
                md.append("| `").append(argument.name()).append("` | ").append(typeName(argument.type(), catalogue))
                        .append(" | ").append(escape(argument.meaning())).append(" |\n");
            }
        }

        md.append("""

                ## What the policy gives the rules

                A broker policy (`policies/<broker>.yaml`) may declare, beside its levels:

                ```yaml
                closeOutOrder:                       # which position a stop-out closes next
                  description: largest loss first    # how verdicts name it (optional)
                  sortBy: [floatingPnl ascending, usedMargin descending, openedAt ascending, positionId ascending]
                parameters:                          # decimals the rules read as $terms.param("name")
                  concentrationLimitPercent: 10000
                violationCodes:                      # codes of the team's own rules, with what each means
                  CONCENTRATION_LIMIT_EXCEEDED: a single position's notional is above the broker's limit
                ```

                - **closeOutOrder**: the sort keys, each `ascending` or `descending`; the first decides, each next
                  one breaks the ties of those before; `positionId ascending` always ends the list, so exactly one
                  open position comes first. A missing opening time sorts last. Rules read the order as
                  `closeOutOrder` and ask `$order.precedes( this, $next )`. Sort keys (PositionState properties):
                """);
        md.append("  ").append(Arrays.stream(PositionSortKey.values()).map(k -> "`" + k.property() + "`")
                .collect(Collectors.joining(", "))).append(".\n");
        md.append("""
                  The orders used so far, as data:

                  | order | sortBy |
                  | --- | --- |
                  | largest loss first (the default) | `[floatingPnl ascending, usedMargin descending, openedAt ascending, positionId ascending]` |
                  | largest used margin first | `[usedMargin descending, floatingPnl ascending, openedAt ascending, positionId ascending]` |
                  | highest leverage first | `[leverage descending, floatingPnl ascending, usedMargin descending, openedAt ascending, positionId ascending]` |
                  | oldest position first | `[openedAt ascending, positionId ascending]` |
                - **parameters**: names of a lower-case letter then letters and digits, decimal values. A rule reads
                  one as `$terms.param("name")` with the name written as text. A name no policy declares is refused
                  in the rule; a declared name no rule reads is refused in the policy (so a misspelling is found on
                  either side). A policy that does not declare a parameter gets null for it, which switches off the
                  rules that compare with it for that broker's accounts.
                - **violationCodes**: codes in capitals, digits and `_`, each with what it means (the explanation
                  of a verdict quotes it). A rule inserts `new Violation( "THE_CODE", ... )`; the same checks as for
                  parameters apply. Built-in codes:
                """);
        md.append("  ").append(Arrays.stream(ViolationCode.values()).map(c -> "`" + c.name() + "`")
                .collect(Collectors.joining(", "))).append(".\n");
        return md.toString();
    }

    private static void type(StringBuilder md, CatalogueType type, FactCatalogue catalogue) {
        md.append("\n### ").append(type.name()).append("\n\n").append(type.meaning());
        if (type.role() == Role.FACT) {
            md.append(" ").append(type.many() ? "Many per evaluation." : "One per evaluation.");
        }
        if (type.lifecycle() != null) {
            md.append(" ").append(type.lifecycle());
        }
        md.append("\n");
        if (!type.properties().isEmpty()) {
            md.append("\n| property | type | meaning |\n| --- | --- | --- |\n");
            for (Property property : type.properties().values()) {
                md.append("| `").append(property.name()).append("` | ").append(typeName(property.type(), catalogue))
                        .append(" | ").append(escape(property.meaning())).append(" |\n");
            }
        }
        if (!type.operations().isEmpty()) {
            md.append("\n| method | gives | meaning |\n| --- | --- | --- |\n");
            for (Operation operation : type.operations().values()) {
                String parameters = Arrays.stream(operation.method().getParameterTypes())
                        .map(p -> typeName(p, catalogue).replace("`", "")).collect(Collectors.joining(", "));
                md.append("| `").append(operation.name()).append("(").append(parameters).append(")` | ")
                        .append(typeName(operation.type(), catalogue)).append(" | ").append(escape(operation.meaning()))
                        .append(" |\n");
            }
        }
        if (type.role() != Role.ENUM && !type.constants().isEmpty()) {
            md.append("\nConstants: ").append(type.constants().stream().map(c -> "`" + type.name() + "." + c + "`")
                    .collect(Collectors.joining(", "))).append(".\n");
        }
    }

    private static String typeName(Class<?> type, FactCatalogue catalogue) {
        if (type == boolean.class || type == Boolean.class) {
            return "true/false";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "whole number";
        }
        if (type == BigDecimal.class) {
            return "decimal";
        }
        if (type == String.class) {
            return "text";
        }
        if (type == Instant.class) {
            return "time";
        }
        return catalogue.typeOf(type).map(t -> "`" + t.name() + "`").orElse(type.getSimpleName());
    }

    private static String escape(String text) {
        return text.replace("|", "\\|");
    }
}
