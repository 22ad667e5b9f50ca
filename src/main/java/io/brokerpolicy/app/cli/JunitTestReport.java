package io.brokerpolicy.app.cli;

import io.brokerpolicy.domain.FiredRule;
import io.brokerpolicy.policy.ScenarioOutcome;
import java.io.PrintStream;
import java.io.StringWriter;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The report for a CI server, in the JUnit XML that Jenkins, GitLab, GitHub Actions' test reporters and
 * Surefire's readers take: a {@code testsuite} "bundle" whose one case fails when the bundle does not compile
 * (and whose {@code system-out} holds the coverage, when asked for), then a {@code testsuite} per scenario
 * file with a {@code testcase} per scenario and a {@code failure} saying why it failed.
 */
final class JunitTestReport {

    static final String BUNDLE_SUITE = "bundle";
    static final String BUNDLE_CASE = "the bundle compiles";

    private JunitTestReport() {
    }

    static void write(TestReport report, PrintStream out) {
        StringWriter text = new StringWriter();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(text);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            write(report, xml);
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("the JUnit report could not be written", e);
        }
        out.println(text);
    }

    private static void write(TestReport report, XMLStreamWriter xml) throws XMLStreamException {
        String timestamp = report.finishedAt().atOffset(ZoneOffset.UTC).toLocalDateTime().truncatedTo(ChronoUnit.SECONDS)
                .toString();
        int bundleFailures = report.errors().isEmpty() ? 0 : 1;
        xml.writeStartElement("testsuites");
        xml.writeAttribute("name", "brokerpolicy scenarios");
        xml.writeAttribute("tests", String.valueOf(1 + report.scenarios().size()));
        xml.writeAttribute("failures", String.valueOf(bundleFailures + report.failed()));
        xml.writeAttribute("errors", "0");
        xml.writeAttribute("time", TestReport.seconds(report.nanos()));
        xml.writeCharacters("\n");

        long scenarioNanos = report.scenarios().stream().mapToLong(ScenarioOutcome::nanos).sum();
        long bundleNanos = Math.max(0, report.nanos() - scenarioNanos);
        suiteStart(xml, BUNDLE_SUITE, 1, bundleFailures, bundleNanos, timestamp);
        xml.writeCharacters("\n    ");
        xml.writeStartElement("properties");
        property(xml, "bundleHash", report.bundleHash());
        property(xml, "files", String.valueOf(report.files()));
        xml.writeEndElement();
        testcase(xml, BUNDLE_SUITE, BUNDLE_CASE, null, 0, bundleNanos, report.errors().isEmpty() ? null
                : report.errors().size() + " errors", report.errors().stream()
                .map(e -> e.file() + ":" + e.line() + ": " + e.message()).collect(Collectors.joining("\n")));
        if (report.coverageAsked()) {
            xml.writeCharacters("\n    ");
            xml.writeStartElement("system-out");
            xml.writeCharacters(coverage(report));
            xml.writeEndElement();
        }
        xml.writeCharacters("\n  ");
        xml.writeEndElement();
        xml.writeCharacters("\n");

        Map<String, List<ScenarioOutcome>> byFile = new LinkedHashMap<>();
        report.scenarios().forEach(o -> byFile.computeIfAbsent(o.scenario().file(), f -> new java.util.ArrayList<>()).add(o));
        for (Map.Entry<String, List<ScenarioOutcome>> file : byFile.entrySet()) {
            List<ScenarioOutcome> outcomes = file.getValue();
            suiteStart(xml, file.getKey(), outcomes.size(), outcomes.stream().filter(o -> !o.passed()).count(),
                    outcomes.stream().mapToLong(ScenarioOutcome::nanos).sum(), timestamp);
            String classname = className(file.getKey());
            for (ScenarioOutcome outcome : outcomes) {
                var scenario = outcome.scenario();
                testcase(xml, classname, scenario.name(), scenario.file(), scenario.line(), outcome.nanos(),
                        outcome.failure(), outcome.passed() ? null
                                : scenario.file() + ":" + scenario.line() + ": " + outcome.failure());
            }
            xml.writeCharacters("\n  ");
            xml.writeEndElement();
            xml.writeCharacters("\n");
        }
        xml.writeEndElement();
    }

    private static void suiteStart(XMLStreamWriter xml, String name, int tests, long failures, long nanos,
                                   String timestamp) throws XMLStreamException {
        xml.writeCharacters("  ");
        xml.writeStartElement("testsuite");
        xml.writeAttribute("name", name);
        xml.writeAttribute("tests", String.valueOf(tests));
        xml.writeAttribute("failures", String.valueOf(failures));
        xml.writeAttribute("errors", "0");
        xml.writeAttribute("skipped", "0");
        xml.writeAttribute("time", TestReport.seconds(nanos));
        xml.writeAttribute("timestamp", timestamp);
    }

    private static void testcase(XMLStreamWriter xml, String classname, String name, String file, int line,
                                 long nanos, String failureMessage, String failureText) throws XMLStreamException {
        xml.writeCharacters("\n    ");
        xml.writeStartElement("testcase");
        xml.writeAttribute("classname", classname);
        xml.writeAttribute("name", name);
        if (file != null) {
            xml.writeAttribute("file", file);
            xml.writeAttribute("line", String.valueOf(line));
        }
        xml.writeAttribute("time", TestReport.seconds(nanos));
        if (failureMessage != null) {
            xml.writeStartElement("failure");
            xml.writeAttribute("message", failureMessage);
            xml.writeAttribute("type", file == null ? "BundleError" : "ScenarioFailure");
            xml.writeCharacters(failureText);
            xml.writeEndElement();
        }
        xml.writeEndElement();
    }

    private static void property(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
        xml.writeEmptyElement("property");
        xml.writeAttribute("name", name);
        xml.writeAttribute("value", value);
    }

    private static String coverage(TestReport report) {
        StringBuilder text = new StringBuilder("coverage: " + (report.rules().size() - report.notFired().size()) + " of "
                + report.rules().size() + " rules fired by a scenario\n");
        for (FiredRule rule : report.notFired()) {
            text.append("not fired: ").append(rule.file()).append(": ").append(rule.rule()).append('\n');
        }
        return text.toString();
    }

    /** {@code policies/scenarios/acme-fx.yaml} as a class name a CI groups by: {@code policies.scenarios.acme-fx}. */
    private static String className(String file) {
        String withoutExtension = file.replaceFirst("\\.ya?ml$", "");
        return withoutExtension.replace('/', '.');
    }
}
