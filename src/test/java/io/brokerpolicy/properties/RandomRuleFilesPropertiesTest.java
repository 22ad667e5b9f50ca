package io.brokerpolicy.properties;

import static org.assertj.core.api.Assertions.assertThat;

import io.brokerpolicy.bundle.BundleReader;
import io.brokerpolicy.bundle.PolicyBundle;
import io.brokerpolicy.domain.AccountSnapshot;
import io.brokerpolicy.domain.Verdict;
import io.brokerpolicy.domain.policy.PolicyNotFoundException;
import io.brokerpolicy.engine.CompiledPolicy;
import io.brokerpolicy.engine.EvaluationException;
import io.brokerpolicy.engine.FactCatalogue;
import io.brokerpolicy.engine.FactCatalogue.CatalogueType;
import io.brokerpolicy.engine.FactCatalogue.Operation;
import io.brokerpolicy.engine.PolicyCompiler;
import io.brokerpolicy.intake.SnapshotParser;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;

/**
 * Rule files made at random from the catalogue (patterns on its facts, constraints on their properties and
 * methods with literals, enum constants, bound variables, the policy's parameter and arithmetic; not, exists
 * and or; inserts of findings, updates and deletes) are accepted by the rule language, and every one of them
 * evaluates random snapshots within its deadline: a verdict, or an evaluation error that says why, never a run
 * that does not end. 30 rule files, 25 snapshots each.
 */
class RandomRuleFilesPropertiesTest {

    private static final Map<String, String> REPOSITORY = BundleReader.read(Path.of("rules"), Path.of("policies")).files();
    private static final FactCatalogue CATALOGUE = FactCatalogue.standard();
    private static final long DEADLINE_MILLIS = 1_000;
    /** A loaded build machine may wake the watchdog late; an unbounded run would take minutes, not this. */
    private static final long SCHEDULING_SLACK_MILLIS = 4_000;
    private static final String CODE = "GENERATED_FINDING";
    private static final String PARAMETER = "generatedLimit";

    @Property(tries = 30)
    void aRuleFileMadeFromTheCatalogue_isAccepted_andEveryEvaluationEndsWithinItsDeadline(@ForAll long seed) {
        Random random = new Random(seed);
        Generator generator = new Generator(random);
        String drl = generator.file();
        Map<String, String> files = new TreeMap<>(REPOSITORY);
        files.put("rules/generated.drl", drl);
        String acme = files.get("policies/acme-fx.yaml") + "violationCodes:\n  " + CODE + ": a generated finding\n"
                + (generator.usedParameter ? "parameters:\n  " + PARAMETER + ": " + generator.decimal() + "\n" : "");
        files.put("policies/acme-fx.yaml", acme);
        files.keySet().removeIf(p -> p.startsWith("policies/scenarios/"));

        PolicyCompiler.Result result = new PolicyCompiler(10_000, DEADLINE_MILLIS).compile(new PolicyBundle(files), 1);
        assertThat(result.errors()).as("refused:%n%s", drl).isEmpty();
        CompiledPolicy policy = result.policy();

        SnapshotParser parser = new SnapshotParser(MarginArithmeticPropertiesTest.CLOCK);
        for (int i = 0; i < 25; i++) {
            AccountSnapshot snapshot = parser.parse(MarginArithmeticPropertiesTest.randomSnapshot(random), "");
            long start = System.nanoTime();
            try {
                Verdict verdict = policy.evaluate(snapshot);
                assertThat(verdict.status()).isNotNull();
                Statistics.collect(verdict.violations().stream().anyMatch(v -> v.code().equals(CODE))
                        ? "verdict with a generated finding" : "verdict");
            } catch (PolicyNotFoundException refused) {
                Statistics.collect("no policy for the snapshot");
            } catch (EvaluationException refused) {
                // an evaluation that cannot decide says so; a time limit hit is one such answer
                Statistics.collect(refused.getMessage().contains("time limit") ? "time limit"
                        : refused.getMessage().contains("rule firings") ? "firing bound" : "evaluation error");
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertThat(millis).as("evaluation time under%n%s", drl).isLessThan(DEADLINE_MILLIS + SCHEDULING_SLACK_MILLIS);
        }
    }

    /** Writes one rule file from the catalogue, remembering whether it read the policy's parameter. */
    private static final class Generator {
        private final Random random;
        private boolean usedParameter;
        private int variables;

        Generator(Random random) {
            this.random = random;
        }

        String file() {
            StringBuilder drl = new StringBuilder("package brokerpolicy.generated\n\n");
            int rules = 1 + random.nextInt(3);
            for (int r = 0; r < rules; r++) {
                drl.append(rule(r));
            }
            return drl.toString();
        }

        private String rule(int number) {
            Map<String, CatalogueType> facts = new LinkedHashMap<>();
            Map<String, String> decimals = new LinkedHashMap<>();
            StringBuilder when = new StringBuilder();
            int patterns = 1 + random.nextInt(4);
            int many = 0;
            List<CatalogueType> candidates = CATALOGUE.facts();
            for (int p = 0; p < patterns; p++) {
                CatalogueType type = candidates.get(random.nextInt(candidates.size()));
                if (type.many() && ++many > 2) {
                    continue;
                }
                int shape = random.nextInt(6);
                String pattern = pattern(type, shape >= 2, facts, decimals);
                when.append("    ").append(switch (shape) {
                    case 0 -> "not ( " + pattern + " )";
                    case 1 -> "exists ( " + pattern + " )";
                    default -> pattern;
                }).append('\n');
            }
            String phase = List.of("limits", "close-out", "after-close-out").get(random.nextInt(3));
            StringBuilder then = new StringBuilder();
            String position = facts.entrySet().stream().filter(e -> e.getValue().name().equals("PositionState"))
                    .map(Map.Entry::getKey).findFirst().orElse(null);
            String actual = decimals.isEmpty() ? decimal() : pick(new ArrayList<>(decimals.keySet()));
            String limit = random.nextBoolean() ? "null" : decimals.isEmpty() ? decimal() : pick(new ArrayList<>(decimals.keySet())) + " * 2";
            then.append("    insert( new Violation( \"").append(CODE).append("\", ")
                    .append(position == null ? "null" : position + ".positionId").append(", ").append(limit).append(", ")
                    .append(actual).append(", \"generated \" + ").append(actual).append(" ) );\n");
            if (!facts.isEmpty() && random.nextInt(4) == 0) {
                then.append("    ").append(random.nextBoolean() ? "update" : "delete").append("( ")
                        .append(pick(new ArrayList<>(facts.keySet()))).append(" );\n");
            }
            return "rule \"Generated" + number + "\"\n    agenda-group \"" + phase + "\"\nwhen\n" + when + "then\n" + then
                    + "end\n\n";
        }

        /** A pattern on {@code type}; bound (and its decimals bindable) only when it is not inside not/exists. */
        private String pattern(CatalogueType type, boolean visible, Map<String, CatalogueType> facts,
                               Map<String, String> decimals) {
            List<String> constraints = new ArrayList<>();
            List<FactCatalogue.Property> properties = new ArrayList<>(type.properties().values());
            for (int c = random.nextInt(4); c > 0 && !properties.isEmpty(); c--) {
                FactCatalogue.Property property = properties.get(random.nextInt(properties.size()));
                if (visible && property.type() == BigDecimal.class && random.nextInt(3) == 0) {
                    String variable = "$v" + (++variables);
                    constraints.add(variable + " : " + property.name());
                    decimals.put(variable, property.name());
                } else {
                    constraints.add(constraint(property, decimals));
                }
            }
            for (Operation operation : type.operations().values()) {
                if (random.nextInt(3) == 0) {
                    String call = call(operation, facts);
                    if (call != null) {
                        constraints.add(call);
                    }
                }
            }
            if (constraints.size() > 1 && random.nextInt(4) == 0 && !constraints.get(0).startsWith("$")
                    && !constraints.get(1).startsWith("$")) {
                String first = constraints.remove(0);
                constraints.set(0, "( " + first + " || " + constraints.get(0) + " )");
            }
            String body = type.name() + "( " + String.join(", ", constraints) + " )";
            if (!visible) {
                return body;
            }
            String variable = "$f" + (++variables);
            facts.put(variable, type);
            return variable + " : " + body;
        }

        private String constraint(FactCatalogue.Property property, Map<String, String> decimals) {
            Class<?> type = property.type();
            String name = property.name();
            if (type == BigDecimal.class) {
                String right = switch (random.nextInt(3)) {
                    case 0 -> decimals.isEmpty() ? decimal() : pick(new ArrayList<>(decimals.keySet()));
                    case 1 -> decimal() + " * " + decimal() + " - " + decimal();
                    default -> decimal();
                };
                return name + " " + pick(List.of("<", "<=", ">", ">=", "==", "!=")) + " " + right;
            }
            if (type == int.class || type == long.class) {
                return name + " " + pick(List.of("<", "<=", ">", ">=", "==", "!=")) + " " + random.nextInt(10);
            }
            if (type == boolean.class) {
                return random.nextBoolean() ? name : "!" + name;
            }
            if (type.isEnum()) {
                Object[] constants = type.getEnumConstants();
                return name + " " + pick(List.of("==", "!=")) + " " + type.getSimpleName() + "."
                        + ((Enum<?>) constants[random.nextInt(constants.length)]).name();
            }
            if (type == String.class) {
                return random.nextBoolean() ? name + " != null" : name + " == \"p" + random.nextInt(4) + "\"";
            }
            if (type == Instant.class) {
                return name + " != null";
            }
            return name + " == null";
        }

        private String call(Operation operation, Map<String, CatalogueType> facts) {
            Class<?>[] parameters = operation.method().getParameterTypes();
            List<String> arguments = new ArrayList<>();
            for (Class<?> parameter : parameters) {
                if (parameter == BigDecimal.class) {
                    arguments.add(decimal());
                } else if (parameter == String.class) {
                    usedParameter = true;
                    arguments.add("\"" + PARAMETER + "\"");
                } else {
                    return null;
                }
            }
            String call = operation.name() + "( " + String.join(", ", arguments) + " )";
            if (operation.type() == boolean.class) {
                return random.nextBoolean() ? call : "!" + call;
            }
            if (operation.type() == BigDecimal.class) {
                return call + " " + pick(List.of("<", ">", "!=")) + " " + decimal();
            }
            return null;
        }

        String decimal() {
            BigDecimal value = BigDecimal.valueOf(random.nextInt(2_000_000), random.nextInt(4));
            return value.toPlainString();
        }

        private <T> T pick(List<T> from) {
            return from.get(random.nextInt(from.size()));
        }
    }
}
