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
 * Compiles a bundle into a {@link CompiledPolicy}, or into the list of its errors: policy YAML problems, rule
 * files outside the rule language, and DRL compile errors, each with file and line.
 *
 * <p>Every rule file passes the rule-language check ({@link RuleLanguage}) first, and what Drools compiles is
 * the file the check wrote from what it accepted, never the author's text; so no way a rule enters (startup,
 * file change, API) can skip the check. The whole compile runs on a {@link BoundedWork} thread: a hostile file
 * that exhausts a stack or the heap is a refused file, and a compile past the validation deadline is refused
 * as such. Uses Drools' classic builder, which compiles several times faster than the executable model.
 */
public final class PolicyCompiler {

    private final int maxRuleFirings;
    private final long maxEvaluationMillis;
    private final long maxValidationMillis;

    private static final ClassLoader CLASS_LOADER = new RememberingClassLoader(PolicyCompiler.class.getClassLoader());

    public PolicyCompiler() {
        this(Defaults.maxRuleFirings());
    }

    public PolicyCompiler(int maxRuleFirings) {
        this(maxRuleFirings, Defaults.maxEvaluationMillis());
    }

    public PolicyCompiler(int maxRuleFirings, long maxEvaluationMillis) {
        this(maxRuleFirings, maxEvaluationMillis, Defaults.maxValidationMillis());
    }

    /**
     * Bounds every evaluation of what it compiles (at most so many rule firings and so many milliseconds) and each
     * compile (so many milliseconds).
     */
    public PolicyCompiler(int maxRuleFirings, long maxEvaluationMillis, long maxValidationMillis) {
        this.maxRuleFirings = maxRuleFirings;
        this.maxEvaluationMillis = maxEvaluationMillis;
        this.maxValidationMillis = maxValidationMillis;
    }

    /** The compiled policy, or the errors; never both. */
    public record Result(CompiledPolicy policy, List<BundleError> errors) {

        public boolean valid() {
            return policy != null;
        }
    }

    public int maxRuleFirings() {
        return maxRuleFirings;
    }

    public long maxEvaluationMillis() {
        return maxEvaluationMillis;
    }

    public Result compile(PolicyBundle bundle, long version) {
        BoundedWork.Outcome<Result> outcome = BoundedWork.run("policy-compile", maxValidationMillis,
                () -> compileHere(bundle, version));
        if (outcome.timedOut()) {
            return refused("checking and compiling the bundle did not finish within " + maxValidationMillis
                    + " ms (brokerpolicy.engine.max-validation-millis); nothing was activated");
        }
        if (outcome.failure() != null) {
            Throwable failure = outcome.failure();
            return refused("the bundle could not be compiled (" + failure.getClass().getSimpleName()
                    + (failure.getMessage() == null ? "" : ": " + ExpressionTranslator.abbreviate(failure.getMessage()))
                    + "); nothing was activated");
        }
        return outcome.value();
    }

    private static Result refused(String message) {
        return new Result(null, List.of(new BundleError(PolicyBundle.RULES_PREFIX, 0, message)));
    }

    private Result compileHere(PolicyBundle bundle, long version) {
        List<BundleError> errors = new ArrayList<>();
        PolicyBookParser.Result book = new PolicyBookParser().parse(bundle.files());
        errors.addAll(book.errors());

        Map<String, String> rules = bundle.ruleFiles();
        if (rules.isEmpty()) {
            errors.add(new BundleError(PolicyBundle.RULES_PREFIX, 0, "the bundle has no rule files (rules/*.drl)"));
        }
        RuleContext context = book.valid() ? RuleContext.of(book.parameters(), book.violationCodes())
                : RuleContext.unchecked();
        RuleLanguage.Result checked = RuleLanguage.check(rules, context, FactCatalogue.standard());
        errors.addAll(checked.errors());
        if (checked.errors().isEmpty()) {
            errors.addAll(context.unused());
        }
        if (!errors.isEmpty()) {
            // nothing outside the rule language is handed to the compiler, let alone run
            return new Result(null, List.copyOf(errors));
        }
        ClassLoader loader = CLASS_LOADER;
        KnowledgeBuilder builder = KnowledgeBuilderFactory.newKnowledgeBuilder(
                KnowledgeBuilderFactory.newKnowledgeBuilderConfiguration(null, loader));
        for (RuleFileChecker.Checked file : checked.files()) {
            Resource resource = ResourceFactory.newByteArrayResource(file.drl().getBytes(StandardCharsets.UTF_8));
            resource.setSourcePath(file.file());
            resource.setResourceType(ResourceType.DRL);
            try {
                builder.add(resource, ResourceType.DRL);
            } catch (RuntimeException | StackOverflowError crash) {
                errors.add(new BundleError(file.file(), 0, "the rule compiler could not compile this file ("
                        + crash.getClass().getSimpleName() + (crash.getMessage() == null ? ""
                        : ": " + ExpressionTranslator.abbreviate(crash.getMessage())) + ")"));
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
        return new BundleError(file, line, "the rule compiler refused it: " + error.getMessage().trim());
    }
}
