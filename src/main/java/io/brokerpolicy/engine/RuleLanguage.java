package io.brokerpolicy.engine;

import io.brokerpolicy.bundle.PolicyBundle;
import io.brokerpolicy.domain.policy.BundleError;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The check every rule file passes before anything compiles it: each file against the rule language
 * ({@link RuleFileChecker}), then the bundle as a whole (how many rules, one name per rule). A file that makes
 * a parser fail in any way, a {@link StackOverflowError} or an {@link OutOfMemoryError} included, is a refusal of
 * that file like any other; the caller runs this on a {@link BoundedWork} thread.
 */
final class RuleLanguage {

    /** The files to compile in place of the rule files, or the reasons there are none. */
    record Result(List<RuleFileChecker.Checked> files, List<BundleError> errors) {
    }

    private RuleLanguage() {
    }

    static Result check(Map<String, String> ruleFiles, RuleContext context, FactCatalogue catalogue) {
        List<RuleFileChecker.Checked> checked = new ArrayList<>();
        List<BundleError> errors = new ArrayList<>();
        for (Map.Entry<String, String> file : ruleFiles.entrySet()) {
            RuleFileChecker checker = new RuleFileChecker(catalogue, context, file.getKey());
            try {
                RuleFileChecker.Checked result = checker.check(file.getValue());
                errors.addAll(checker.errors());
                if (result != null) {
                    checked.add(result);
                }
            } catch (StackOverflowError e) {
                errors.add(new BundleError(file.getKey(), 1, "the file is nested too deeply to be read"
                        + " (the parser ran out of stack); a rule needs only a few levels of brackets"));
            } catch (OutOfMemoryError e) {
                errors.add(new BundleError(file.getKey(), 1, "reading the file ran out of memory; a rule file is a"
                        + " few kilobytes of rules"));
            } catch (RuntimeException | LinkageError e) {
                errors.add(new BundleError(file.getKey(), 1, "the file could not be read as rules ("
                        + e.getClass().getSimpleName() + ")"));
            }
        }
        Map<String, String> fileOfRule = new HashMap<>();
        int rules = 0;
        for (RuleFileChecker.Checked file : checked) {
            for (String rule : file.rules()) {
                rules++;
                String earlier = fileOfRule.putIfAbsent(rule, file.file());
                if (earlier != null) {
                    errors.add(new BundleError(file.file(), 0, "rule \"" + rule + "\" is also defined in " + earlier
                            + "; verdicts name rules, so each name may be used once"));
                }
            }
        }
        if (rules > RuleFileLimits.MAX_RULES_PER_BUNDLE) {
            errors.add(new BundleError(PolicyBundle.RULES_PREFIX, 0, "the bundle has " + rules + " rules; at most "
                    + RuleFileLimits.MAX_RULES_PER_BUNDLE + " are allowed"));
        }
        return new Result(List.copyOf(checked), List.copyOf(errors));
    }
}
