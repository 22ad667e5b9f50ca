package io.brokerpolicy.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.brokerpolicy.bundle.BundleReader;
import io.brokerpolicy.bundle.PolicyBundle;
import io.brokerpolicy.domain.policy.BundleError;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The sandbox refuses rule files that reach outside the domain, however the reach is written. */
class RuleSandboxTest {

    private static final String HEADER = """
            package brokerpolicy.evil
            import io.brokerpolicy.domain.MarginAccount
            """;

    private static String rule(String when, String then) {
        return HEADER + "\nrule \"Evil\"\nwhen\n    " + when + "\nthen\n    " + then + "\nend\n";
    }

    @Test
    void theRepositoryRules_passTheSandbox() {
        PolicyBundle bundle = BundleReader.read(Path.of("rules"), Path.of("policies"));
        bundle.ruleFiles().forEach((file, drl) -> assertThat(RuleSandbox.check(file, drl)).as(file).isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "System.exit(0);",
            "java.lang.System.exit(0);",
            "java . lang /* x */ . System.exit(0);",
            "Runtime.getRuntime().exec(\"rm -rf /\");",
            "java.lang.Runtime.getRuntime().exec(\"id\");",
            "new ProcessBuilder(\"id\").start();",
            "Class.forName(\"java.lang.Sys\" + \"tem\").getMethod(\"exit\", int.class).invoke(null, 0);",
            "$a.getClass().getClassLoader();",
            "Object o = $a; o.getClass();",
            "java.nio.file.Files.delete(java.nio.file.Path.of(\"/tmp/x\"));",
            "new java.io.File(\"/tmp/x\").delete();",
            "new java.net.Socket(\"example.com\", 80);",
            "java.lang.reflect.Array.newInstance(String.class, 1);",
            "drools.getKieRuntime().dispose();",
            "kcontext.getKieRuntime().halt();",
            "Thread.sleep(100000);",
            "new Thread(() -> {}).start();",
            "while (true) { }",
            "for (;;) { }",
            "$a.wait();",
            "String s = \"\\u0022; System.exit(0); //\";",
            "Sys\u00ADtem.exit(0);",
            "org.kie.api.KieServices.get();",
            "io.brokerpolicy.app.BrokerPolicyMain.main();",
            "io.quarkus.runtime.Quarkus.asyncExit();",
            "java.util.concurrent.Executors.newSingleThreadExecutor();",
            "java.util.ServiceLoader.load(Object.class);",
            "long[] big = new long[2000000000];",
            "String s = \"x\".repeat(2000000000);",
            "String s = \"\"\"\n /*\n \"\"\"; $a.wait(); // */",
    })
    void consequencesThatReachOutside_areRefused(String consequence) {
        List<BundleError> errors = RuleSandbox.check("rules/evil.drl", rule("$a : MarginAccount( )", consequence));
        assertThat(errors).as(consequence).isNotEmpty();
        assertThat(errors).allSatisfy(e -> assertThat(e.file()).isEqualTo("rules/evil.drl"));
        assertThat(errors.get(0).line()).isBetween(1, 12);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "MarginAccount( eval( System.currentTimeMillis() > 0 ) )",
            "MarginAccount( ) \n    eval( true )",
            "$a : MarginAccount( this.getClass() != null )",
            "$a : MarginAccount( )\n    $e : String( ) from System.getenv(\"HOME\")",
            "$a : MarginAccount( )\n    $f : Object( ) from new java.io.File(\"/etc/passwd\")",
            "$a : MarginAccount( balance > java.math.BigDecimal.ZERO, class.name != null )",
    })
    void conditionsThatReachOutside_areRefused(String condition) {
        assertThat(RuleSandbox.check("rules/evil.drl", rule(condition, "// nothing"))).as(condition).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "import java.io.File",
            "import java.lang.System",
            "import java.lang.reflect.Method",
            "import java.util.*",
            "import java.util.concurrent.Executors",
            "import io.brokerpolicy.app.EvaluationService",
            "import org.kie.api.runtime.KieSession",
            "import function java.lang.System.exit",
            "global java.util.List sink",
            "function void boom() { }",
    })
    void declarationsThatReachOutside_areRefused(String declaration) {
        String drl = "package brokerpolicy.evil\n" + declaration + "\nrule \"R\" when then end\n";
        List<BundleError> errors = RuleSandbox.check("rules/evil.drl", drl);
        assertThat(errors).as(declaration).isNotEmpty();
        assertThat(errors).anySatisfy(e -> assertThat(e.line()).isEqualTo(2));
    }

    @Test
    void allowedTypesAndDroolsRuleName_pass() {
        String drl = """
                package brokerpolicy.fine
                import io.brokerpolicy.domain.MarginAccount
                import io.brokerpolicy.domain.StatusDecision
                import io.brokerpolicy.domain.AccountStatus
                import java.math.BigDecimal
                import java.util.List
                import java.time.Duration

                // A comment may say: wait for the margin call, then exit the position.
                rule "Fine"
                    salience 10
                when
                    $a : MarginAccount( balance > BigDecimal.ZERO, java.math.BigDecimal.ONE != null )
                then
                    List<String> names = java.util.List.of("a", "asset class");
                    insert( new StatusDecision( AccountStatus.HEALTHY, drools.getRule().getName() ) );
                end
                """;
        assertThat(RuleSandbox.check("rules/fine.drl", drl)).isEmpty();
    }

    @Test
    void compilerRefusesSandboxViolations_beforeCompiling() {
        Map<String, String> files = new java.util.TreeMap<>(BundleReader.read(Path.of("rules"), Path.of("policies")).files());
        files.put("rules/evil.drl", rule("$a : MarginAccount( )", "java.lang.System.exit(1);"));
        PolicyCompiler.Result result = new PolicyCompiler().compile(new PolicyBundle(files), 1);
        assertThat(result.valid()).isFalse();
        assertThat(result.errors()).anySatisfy(e -> {
            assertThat(e.file()).isEqualTo("rules/evil.drl");
            assertThat(e.line()).isEqualTo(8);
            assertThat(e.message()).contains("System");
        });
    }
}
