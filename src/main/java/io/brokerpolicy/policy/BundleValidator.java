package io.brokerpolicy.policy;

import io.brokerpolicy.bundle.PolicyBundle;
import io.brokerpolicy.bundle.ScenarioParser;
import io.brokerpolicy.domain.policy.BundleError;
import io.brokerpolicy.engine.CompiledPolicy;
import io.brokerpolicy.engine.PolicyCompiler;
import java.time.Clock;
import java.util.List;

/**
 * Everything a bundle must pass before it may become a version: it compiles (policy YAML with its
 * regulator floors, the rule language, DRL) and its scenarios give the verdicts they expect. The one
 * check used by the API, the folder watcher, startup and the command line, so they cannot disagree.
 */
public final class BundleValidator {

    private final PolicyCompiler compiler;
    private final ScenarioRunner scenarios;

    public BundleValidator(PolicyCompiler compiler, Clock clock) {
        this(compiler, new ScenarioRunner(clock));
    }

    public BundleValidator(PolicyCompiler compiler, ScenarioRunner scenarios) {
        this.compiler = compiler;
        this.scenarios = scenarios;
    }

    /** The compiled policy when valid, else every error; {@code scenariosRun} counts the scenarios run. */
    public record Validation(CompiledPolicy policy, List<BundleError> errors, int scenariosRun) {
        public boolean valid() {
            return policy != null;
        }
    }

    public Validation validate(PolicyBundle bundle, long version) {
        return validateCompiled(bundle, compiler.compile(bundle, version));
    }

    /** The same check for a bundle compiled elsewhere with the same bounds (the startup's early compile). */
    public Validation validateCompiled(PolicyBundle bundle, PolicyCompiler.Result compiled) {
        if (!compiled.valid()) {
            // scenario files are still read, so that their own mistakes are reported in the same round
            List<BundleError> scenarioErrors = new ScenarioParser().parse(bundle.files()).errors();
            return new Validation(null, concat(compiled.errors(), scenarioErrors), 0);
        }
        ScenarioRunner.Report report = scenarios.run(compiled.policy());
        if (!report.passed()) {
            return new Validation(null, report.failures(), report.run());
        }
        return new Validation(compiled.policy(), List.of(), report.run());
    }

    public PolicyCompiler compiler() {
        return compiler;
    }

    private static List<BundleError> concat(List<BundleError> a, List<BundleError> b) {
        return b.isEmpty() ? a : java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
