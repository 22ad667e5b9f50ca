package io.brokerpolicy.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One reading of /q/metrics in Prometheus' text format: each sample by its name and labels (labels in
 * name order, so {@code series("x", "b", "2", "a", "1")} finds {@code x{b="2",a="1"}} however it was written).
 */
record PrometheusScrape(Map<String, Double> samples) {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})?\\s+(\\S+)(\\s+\\d+)?$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    static PrometheusScrape parse(String text) {
        Map<String, Double> samples = new HashMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher sample = SAMPLE.matcher(line.strip());
            assertThat(sample.matches()).as("a Prometheus sample line: %s", line).isTrue();
            Map<String, String> labels = new TreeMap<>();
            if (sample.group(3) != null) {
                Matcher label = LABEL.matcher(sample.group(3));
                while (label.find()) {
                    labels.put(label.group(1), label.group(2));
                }
            }
            samples.put(key(sample.group(1), labels), Double.parseDouble(sample.group(4)));
        }
        return new PrometheusScrape(samples);
    }

    /** The sample's value, or 0 when the series does not exist (yet). */
    double value(String name, String... labelPairs) {
        return samples.getOrDefault(series(name, labelPairs), 0.0);
    }

    boolean has(String name, String... labelPairs) {
        return samples.containsKey(series(name, labelPairs));
    }

    static String series(String name, String... labelPairs) {
        Map<String, String> labels = new TreeMap<>();
        for (int i = 0; i < labelPairs.length; i += 2) {
            labels.put(labelPairs[i], labelPairs[i + 1]);
        }
        return key(name, labels);
    }

    private static String key(String name, Map<String, String> labels) {
        return name + labels;
    }
}
