package io.brokerpolicy.engine;

import io.brokerpolicy.bundle.PolicyBookParser;
import io.brokerpolicy.bundle.PolicyBundle;
import io.brokerpolicy.config.Defaults;
import io.brokerpolicy.domain.policy.BundleError;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.drools.base.definitions.rule.impl.RuleImpl;
import org.drools.kiesession.rulebase.InternalKnowledgeBase;
import org.drools.kiesession.rulebase.KnowledgeBaseFactory;
import org.kie.api.KieServices;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.kie.api.io.Resource;
import org.kie.api.io.ResourceType;
import org.kie.internal.builder.KnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilderError;
import org.kie.internal.builder.KnowledgeBuilderFactory;
import org.kie.internal.io.ResourceFactory;

/**
 * Compiles a bundle into a {@link CompiledPolicy}, or into the list of its errors: policy YAML problems
 * and DRL compile errors, each with file and line. Uses Drools' classic builder, which compiles a
 * rule file several times faster than the executable model and evaluates as fast. Every rule file passes
 * the {@link RuleSandbox} first, so no way a rule enters (startup, file change, API) can skip it.
 */
public final class PolicyCompiler {

    private final int maxRuleFirings;
    private final long maxEvaluationMillis;

    private static final ClassLoader CLASS_LOADER = new RememberingClassLoader(PolicyCompiler.class.getClassLoader());

    public PolicyCompiler() {
        this(Defaults.maxRuleFirings());
    }

    public PolicyCompiler(int maxRuleFirings) {
        this(maxRuleFirings, Defaults.maxEvaluationMillis());
    }

    /** Bounds every evaluation of what it compiles: at most so many rule firings and so many milliseconds. */
    public PolicyCompiler(int maxRuleFirings, long maxEvaluationMillis) {
        this.maxRuleFirings = maxRuleFirings;
        this.maxEvaluationMillis = maxEvaluationMillis;
    }

    /** The compiled policy, or the errors; never both. */
    public record Result(CompiledPolicy policy, List<BundleError> errors) {

        public boolean valid() {
            return policy != null;
        }
    }

    public Result compile(PolicyBundle bundle, long version) {
        List<BundleError> errors = new ArrayList<>();
        PolicyBookParser.Result book = new PolicyBookParser().parse(bundle.files());
        errors.addAll(book.errors());

        Map<String, String> rules = bundle.ruleFiles();
        if (rules.isEmpty()) {
            errors.add(new BundleError(PolicyBundle.RULES_PREFIX, 0, "the bundle has no rule files (rules/*.drl)"));
        }
        ClassLoader loader = CLASS_LOADER;
        KnowledgeBuilder builder = KnowledgeBuilderFactory.newKnowledgeBuilder(
                KnowledgeBuilderFactory.newKnowledgeBuilderConfiguration(null, loader));
        for (Map.Entry<String, String> file : rules.entrySet()) {
            errors.addAll(RuleSandbox.check(file.getKey(), file.getValue()));
        }
        if (!errors.isEmpty()) {
            // nothing outside the sandbox is handed to the Java compiler, let alone run
            return new Result(null, List.copyOf(errors));
        }
        for (Map.Entry<String, String> file : rules.entrySet()) {
            Resource resource = ResourceFactory.newByteArrayResource(file.getValue().getBytes(StandardCharsets.UTF_8));
            resource.setSourcePath(file.getKey());
            resource.setResourceType(ResourceType.DRL);
            try {
                builder.add(resource, ResourceType.DRL);
            } catch (RuntimeException | StackOverflowError crash) {
                // Drools itself fails on some broken files (found by fuzzing: an NPE in its consequence
                // parser). A file that crashes the compiler is a refused file, reported like any other.
                errors.add(new BundleError(file.getKey(), 0, "the rule compiler could not read this file ("
                        + crash.getClass().getSimpleName() + (crash.getMessage() == null ? "" : ": " + crash.getMessage())
                        + "); look for an unfinished statement or block"));
            }
        }
        for (KnowledgeBuilderError error : builder.getErrors()) {
            errors.add(toBundleError(error));
        }
        if (!errors.isEmpty()) {
            return new Result(null, List.copyOf(errors));
        }
        InternalKnowledgeBase kieBase = KnowledgeBaseFactory.newKnowledgeBase(
                KieServices.get().newKieBaseConfiguration(null, loader));
        kieBase.addPackages(builder.getKnowledgePackages());
        Map<String, String> fileByRule = new HashMap<>();
        for (KiePackage pkg : kieBase.getKiePackages()) {
            for (Rule rule : pkg.getRules()) {
                if (rule instanceof RuleImpl impl && impl.getResource() != null) {
                    fileByRule.put(RuleTrace.ruleKey(pkg.getName(), rule.getName()), impl.getResource().getSourcePath());
                }
            }
        }
        return new Result(new CompiledPolicy(version, bundle, kieBase, book.book(), fileByRule, maxRuleFirings,
                maxEvaluationMillis), List.of());
    }

    private static BundleError toBundleError(KnowledgeBuilderError error) {
        String file = error.getResource() != null ? error.getResource().getSourcePath() : PolicyBundle.RULES_PREFIX;
        int[] lines = error.getLines();
        int line = lines != null && lines.length > 0 ? Math.max(lines[0], 0) : 0;
        return new BundleError(file, line, error.getMessage().trim());
    }
}
