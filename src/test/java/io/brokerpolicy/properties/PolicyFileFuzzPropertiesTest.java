package io.brokerpolicy.properties;

import static org.assertj.core.api.Assertions.assertThat;

import io.brokerpolicy.bundle.BundleReader;
import io.brokerpolicy.bundle.PolicyBookParser;
import io.brokerpolicy.bundle.PolicyBundle;
import io.brokerpolicy.domain.policy.BundleError;
import io.brokerpolicy.engine.PolicyCompiler;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Hostile rule and policy files, every way a file enters goes through these two: the YAML loader never
 * throws and names file and line for what it refuses (1,000 tries, plus the classic attacks); the DRL
 * compiler, given the repository's rule files damaged at random, never throws, never hangs (each try
 * bounded to 60 s) and reports errors with their file (100 tries: each is a full compile of the bundle).
 */
class PolicyFileFuzzPropertiesTest {

    static PolicyBundle repository;
    static ExecutorService worker;

    @BeforeContainer
    static void readRepositoryBundle() {
        repository = BundleReader.read(Path.of("rules"), Path.of("policies"));
        worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "fuzz-compile");
            t.setDaemon(true);
            return t;
        });
    }

    @AfterContainer
    static void stopWorker() {
        worker.shutdownNow();
    }

    @Property(tries = 1000)
    void aDamagedPolicyYaml_isParsedOrRefusedWithFileAndLine(@ForAll long seed, @ForAll @IntRange(min = 1, max = 6) int damage) {
        Random random = new Random(seed);
        Map<String, String> files = new TreeMap<>(repository.files());
        List<String> yamls = files.keySet().stream().filter(PolicyBookParser::isPolicyFile).toList();
        String path = yamls.get(random.nextInt(yamls.size()));
        files.put(path, damage(files.get(path), random, damage, YAML_PIECES));
        assertRefusedWithFileAndLine(new PolicyBookParser().parse(files).errors(), files.keySet());
    }

    @Property(tries = 100)
    void aDamagedRuleFile_compilesOrIsRefusedWithItsFile(@ForAll long seed, @ForAll @IntRange(min = 1, max = 4) int damage)
            throws Exception {
        Random random = new Random(seed);
        Map<String, String> files = new TreeMap<>(repository.files());
        List<String> rules = files.keySet().stream().filter(p -> p.endsWith(".drl")).toList();
        String path = rules.get(random.nextInt(rules.size()));
        files.put(path, damage(files.get(path), random, damage, DRL_PIECES));
        Future<PolicyCompiler.Result> compiled = worker.submit(() -> new PolicyCompiler().compile(new PolicyBundle(files), 1));
        PolicyCompiler.Result result = compiled.get(60, TimeUnit.SECONDS);
        if (!result.valid()) {
            assertRefusedWithFileAndLine(result.errors(), files.keySet());
        }
    }

    static List<String> hostileYamls() {
        String laughs = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
                + "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
                + "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"
                + "f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n";
        return List.of(
                laughs,
                "brokerId: x\n" + "accountTypes: ".repeat(1) + "[".repeat(5_000) + "]".repeat(5_000) + "\n",
                "brokerId: x\n" + "a:\n".repeat(1) + " b:\n  c:\n   d:\n    e:\n     f:\n      g:\n       h:\n".repeat(20),
                "brokerId: acme-x\njurisdiction: EU\naccountTypes:\n  standard:\n    marginCallLevel: 1e999999999\n    stopOutLevel: -0\n",
                "brokerId: acme-x\njurisdiction: EU\naccountTypes:\n  standard:\n    marginCallLevel: " + "9".repeat(10_000) + "\n",
                "brokerId: [1, 2]\njurisdiction: {a: b}\naccountTypes: 12\n",
                "!!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"http://127.0.0.1/\"]]]]\n",
                "brokerId: !!java.lang.Runtime {}\n",
                "brokerId: x\nbrokerId: y\n",
                "\t\u0000\uFFFF",
                "",
                "---\n---\n---\n",
                "brokerId: x\naccountTypes:\n  standard:\n    marginCallLevel: .nan\n    stopOutLevel: .inf\n");
    }

    @Property(tries = 13)
    void theClassicYamlAttacks_areRefusedWithFileAndLine(@ForAll @IntRange(min = 0, max = 12) int which) {
        Map<String, String> files = new TreeMap<>(repository.files());
        files.put("policies/hostile.yaml", hostileYamls().get(which));
        PolicyBookParser.Result result = new PolicyBookParser().parse(files);
        assertThat(result.valid()).isFalse();
        assertRefusedWithFileAndLine(result.errors(), files.keySet());
        assertThat(result.errors()).anyMatch(e -> e.file().equals("policies/hostile.yaml"));
    }

    static final String[] YAML_PIECES = {"&a ", "*a", "*b", "!!java.lang.Runtime ", "!!str ", "- ", ": ", "\n", "  ",
            "\t", "{", "}", "[", "]", "'", "\"", "#", "---", "1e999999999", "-0", ".nan", ".inf", "null", "~", "yes",
            "0x1F", "9".repeat(100), "<<: *a\n", "? ", "|", ">", "%YAML 1.1\n", "\u0000", "é"};

    static final String[] DRL_PIECES = {"rule \"X\" when then end\n", "end", "when", "then", "(", ")", "{", "}", ";",
            "\"", "//", "/*", "*/", "$x", ":", "==", "import java.lang.System;\n", "System.exit(1);",
            "eval(true)", "function void f() { }\n", "from", "accumulate(", "not", "exists", "\n", "salience 99999",
            "java.lang.Runtime.getRuntime().exec(\"x\");", "no-loop", "modify($m) { }", "insert(new Object());",
            "while (true) {}", "9".repeat(50), "\u0000", "query q() end"};

    static String damage(String text, Random random, int times, String[] pieces) {
        StringBuilder out = new StringBuilder(text);
        for (int i = 0; i < times; i++) {
            int at = random.nextInt(out.length() + 1);
            switch (random.nextInt(5)) {
                case 0 -> out.insert(at, pieces[random.nextInt(pieces.length)]);
                case 1 -> out.delete(at, Math.min(out.length(), at + 1 + random.nextInt(20)));
                case 2 -> {
                    // Duplicate a stretch of lines: duplicated keys, rules and blocks.
                    int end = Math.min(out.length(), at + random.nextInt(200));
                    out.insert(end, out.substring(at, end));
                }
                case 3 -> {
                    if (at < out.length()) {
                        out.setCharAt(at, (char) (32 + random.nextInt(95)));
                    }
                }
                default -> out.insert(at, pieces[random.nextInt(pieces.length)] + pieces[random.nextInt(pieces.length)]);
            }
        }
        return out.toString();
    }

    private static void assertRefusedWithFileAndLine(List<BundleError> errors, java.util.Set<String> files) {
        for (BundleError error : errors) {
            assertThat(error.file()).as("error %s", error).isNotBlank();
            assertThat(files.contains(error.file()) || error.file().endsWith("/"))
                    .as("error %s names a file of the bundle", error).isTrue();
            assertThat(error.line()).as("error %s", error).isNotNegative();
            assertThat(error.message()).as("error %s", error).isNotBlank();
        }
    }
}
