package io.brokerpolicy.policy;

import io.brokerpolicy.bundle.BundleReader;
import io.brokerpolicy.bundle.PolicyBundle;
import io.brokerpolicy.domain.policy.BundleError;
import io.brokerpolicy.engine.PolicyCompiler;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Checks a policy bundle from the command line, without the service or a database: compiles the rules
 * and policies and runs the scenarios, for a risk team's own CI.
 * <pre>
 * ./mvnw -q compile exec:java -Dexec.mainClass=io.brokerpolicy.policy.ScenarioMain -Dexec.args="rules policies"
 * </pre>
 * Prints every error as {@code file:line: message}; exits 0 when the bundle is valid and every scenario
 * passes, 1 when not, 2 on bad arguments.
 */
public final class ScenarioMain {

    private ScenarioMain() {
    }

    public static void main(String... args) {
        if (args.length > 2 || (args.length == 1 && args[0].startsWith("-"))) {
            System.err.println("usage: ScenarioMain [rules-dir [policies-dir]]   (defaults: rules policies)");
            System.exit(2);
        }
        Path rules = Path.of(args.length > 0 ? args[0] : "rules");
        Path policies = Path.of(args.length > 1 ? args[1] : "policies");
        System.exit(run(rules, policies) ? 0 : 1);
    }

    /** Validates the folders and prints the outcome; true when valid and every scenario passes. */
    static boolean run(Path rules, Path policies) {
        PolicyBundle bundle = BundleReader.read(rules, policies);
        BundleValidator.Validation validation = new BundleValidator(new PolicyCompiler(), Clock.systemUTC())
                .validate(bundle, 0);
        for (BundleError error : validation.errors()) {
            System.out.println(error.file() + ":" + error.line() + ": " + error.message());
        }
        if (validation.valid()) {
            System.out.printf("OK %s: %d files, %d scenarios passed%n", bundle.hash(), bundle.files().size(),
                    validation.scenariosRun());
        } else {
            System.out.printf("FAILED %s: %d errors%n", bundle.hash(), validation.errors().size());
        }
        return validation.valid();
    }
}
