package io.brokerpolicy.app.cli;

import io.brokerpolicy.bundle.PolicyBundle;
import io.brokerpolicy.bundle.Scenario;
import io.brokerpolicy.bundle.ScenarioParser;
import io.brokerpolicy.domain.FiredRule;
import io.brokerpolicy.domain.policy.BundleError;
import io.brokerpolicy.engine.PolicyCompiler;
import io.brokerpolicy.policy.ScenarioOutcome;
import io.brokerpolicy.policy.ScenarioRunner;
import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code test}: compiles the bundle in the folders and runs its scenarios (policies/scenarios/*.yaml) as the
 * service does before any version goes live, then reports each one. Exit 0 when the bundle compiles and
 * every scenario passes, 1 when not, 2 on bad usage.
 */
final class TestCommand {

    static final String USAGE = "usage: test [--rules DIR] [--policies DIR] [--format text|json|junit] [--coverage]\n"
            + "  runs the scenarios of policies/scenarios/*.yaml against the rules and policies in the folders\n"
            + "  --rules DIR       the .drl files (default: rules)\n"
            + "  --policies DIR    the policy .yaml files, regulators/ and scenarios/ (default: policies)\n"
            + "  --format FORMAT   text (default), json, or junit (JUnit XML for CI)\n"
            + "  --coverage        also list the rules that no scenario fired\n"
            + "  exit 0 all passed, 1 a scenario failed or the bundle does not compile, 2 bad usage";

    static final String FORMAT = "--format";
    static final String COVERAGE = "--coverage";

    /** What the command line asked for. */
    record Options(BundleFolders folders, TestFormat format, boolean coverage) {

        static Options parse(List<String> args) throws UsageException {
            Arguments arguments = Arguments.parse(args, Set.of(BundleFolders.RULES, BundleFolders.POLICIES, FORMAT),
                    Set.of(COVERAGE));
            if (!arguments.positional().isEmpty()) {
                throw new UsageException("unexpected argument " + arguments.positional().get(0));
            }
            TestFormat format = TestFormat.named(arguments.value(FORMAT, "text"));
            return new Options(BundleFolders.from(arguments), format, arguments.has(COVERAGE));
        }
    }

    private final Clock clock;

    TestCommand(Clock clock) {
        this.clock = clock;
    }

    int run(List<String> args, PrintStream out, PrintStream err) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (UsageException e) {
            return Commands.usage(err, "test", e.getMessage(), USAGE);
        }
        TestReport report = test(options.folders().read(), options.coverage());
        options.format().write(report, out);
        return report.passed() ? 0 : 1;
    }

    TestReport test(PolicyBundle bundle, boolean coverage) {
        long started = System.nanoTime();
        PolicyCompiler.Result compiled = new PolicyCompiler().compile(bundle, 0);
        ScenarioParser.Result parsed = new ScenarioParser().parse(bundle.files());
        List<BundleError> errors = Stream.concat(compiled.errors().stream(), parsed.errors().stream()).toList();
        List<ScenarioOutcome> outcomes;
        List<FiredRule> rules;
        if (compiled.valid()) {
            outcomes = new ScenarioRunner(clock).runEach(compiled.policy(), parsed.scenarios());
            rules = compiled.policy().rules();
        } else {
            outcomes = new ArrayList<>();
            for (Scenario scenario : parsed.scenarios()) {
                outcomes.add(new ScenarioOutcome(scenario, "not run: the bundle does not compile", List.of(), 0));
            }
            rules = List.of();
        }
        List<FiredRule> notFired = null;
        if (coverage) {
            Set<FiredRule> fired = new HashSet<>();
            outcomes.forEach(o -> fired.addAll(o.firedRules()));
            notFired = rules.stream().filter(rule -> !fired.contains(rule)).toList();
        }
        return new TestReport(bundle.hash(), bundle.files().size(), errors, List.copyOf(outcomes), rules, notFired,
                System.nanoTime() - started, clock.instant());
    }
}
