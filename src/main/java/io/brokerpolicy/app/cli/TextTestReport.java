package io.brokerpolicy.app.cli;

import io.brokerpolicy.domain.FiredRule;
import io.brokerpolicy.domain.policy.BundleError;
import io.brokerpolicy.policy.ScenarioOutcome;
import java.io.PrintStream;

/** The report for a person: one line a scenario (PASS or FAIL, where, how long), errors, coverage, a summary. */
final class TextTestReport {

    private TextTestReport() {
    }

    static void write(TestReport report, PrintStream out) {
        for (BundleError error : report.errors()) {
            out.println("ERROR " + error.file() + ":" + error.line() + ": " + error.message());
        }
        for (ScenarioOutcome outcome : report.scenarios()) {
            var scenario = outcome.scenario();
            out.printf("%s %s:%d: %s (%s ms)%n", outcome.passed() ? "PASS" : "FAIL", scenario.file(), scenario.line(),
                    scenario.name(), millis(outcome.nanos()));
            if (!outcome.passed()) {
                out.println("     " + outcome.failure());
            }
        }
        if (report.coverageAsked()) {
            int total = report.rules().size();
            out.printf("coverage: %d of %d rules fired by a scenario%n", total - report.notFired().size(), total);
            for (FiredRule rule : report.notFired()) {
                out.println("  not fired: " + rule.file() + ": " + rule.rule());
            }
        }
        long passed = report.scenarios().size() - report.failed();
        out.printf("%s %s: %d files, %d of %d scenarios passed, %d errors, %s s%n", report.passed() ? "OK" : "FAILED",
                report.bundleHash(), report.files(), passed, report.scenarios().size(), report.errors().size(),
                TestReport.seconds(report.nanos()));
    }

    private static String millis(long nanos) {
        return java.math.BigDecimal.valueOf(nanos / 1_000, 3).toPlainString();
    }
}
