package io.brokerpolicy.app.cli;

import java.io.PrintStream;
import java.util.Locale;

/** How {@code test} writes its report: for a person, for a script, or for a CI server. */
enum TestFormat {
    TEXT {
        @Override
        void write(TestReport report, PrintStream out) {
            TextTestReport.write(report, out);
        }
    },
    JSON {
        @Override
        void write(TestReport report, PrintStream out) {
            JsonTestReport.write(report, out);
        }
    },
    JUNIT {
        @Override
        void write(TestReport report, PrintStream out) {
            JunitTestReport.write(report, out);
        }
    };

    abstract void write(TestReport report, PrintStream out);

    static TestFormat named(String name) throws UsageException {
        for (TestFormat format : values()) {
            if (format.name().toLowerCase(Locale.ROOT).equals(name)) {
                return format;
            }
        }
        throw new UsageException("--format must be text, json or junit, not '" + name + "'");
    }
}
