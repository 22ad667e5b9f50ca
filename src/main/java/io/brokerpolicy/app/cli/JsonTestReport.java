package io.brokerpolicy.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.brokerpolicy.domain.FiredRule;
import io.brokerpolicy.domain.policy.BundleError;
import io.brokerpolicy.intake.Json;
import io.brokerpolicy.policy.ScenarioOutcome;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.util.List;

/**
 * The report for a script, one JSON document whose fields keep their names and order:
 * <pre>
 * {"passed", "bundleHash", "files", "summary": {"scenarios", "passed", "failed", "errors"}, "seconds",
 *  "errors": [{"file", "line", "message"}],
 *  "scenarios": [{"name", "file", "line", "passed", "failure" (when failed), "seconds", "firedRules": [{"rule", "file"}]}],
 *  "coverage": {"rules", "fired", "notFired": [{"rule", "file"}]}   (with --coverage only)}
 * </pre>
 */
final class JsonTestReport {

    private JsonTestReport() {
    }

    static void write(TestReport report, PrintStream out) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("passed", report.passed());
        root.put("bundleHash", report.bundleHash());
        root.put("files", report.files());
        ObjectNode summary = root.putObject("summary");
        summary.put("scenarios", report.scenarios().size());
        summary.put("passed", report.scenarios().size() - report.failed());
        summary.put("failed", report.failed());
        summary.put("errors", report.errors().size());
        root.put("seconds", new BigDecimal(TestReport.seconds(report.nanos())));
        ArrayNode errors = root.putArray("errors");
        for (BundleError error : report.errors()) {
            errors.addObject().put("file", error.file()).put("line", error.line()).put("message", error.message());
        }
        ArrayNode scenarios = root.putArray("scenarios");
        for (ScenarioOutcome outcome : report.scenarios()) {
            ObjectNode node = scenarios.addObject();
            node.put("name", outcome.scenario().name());
            node.put("file", outcome.scenario().file());
            node.put("line", outcome.scenario().line());
            node.put("passed", outcome.passed());
            if (!outcome.passed()) {
                node.put("failure", outcome.failure());
            }
            node.put("seconds", new BigDecimal(TestReport.seconds(outcome.nanos())));
            rules(node.putArray("firedRules"), outcome.firedRules());
        }
        if (report.coverageAsked()) {
            ObjectNode coverage = root.putObject("coverage");
            coverage.put("rules", report.rules().size());
            coverage.put("fired", report.rules().size() - report.notFired().size());
            rules(coverage.putArray("notFired"), report.notFired());
        }
        try {
            out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the test report could not be written as JSON", e);
        }
    }

    private static void rules(ArrayNode array, List<FiredRule> rules) {
        for (FiredRule rule : rules) {
            array.addObject().put("rule", rule.rule()).put("file", rule.file());
        }
    }
}
