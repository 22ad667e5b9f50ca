package io.brokerpolicy.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link EngineBenchmark} and prints snapshots per second for each path and the engine's cost against
 * plain Java. JMH's own options may be given as arguments ({@code -p positions=5}, {@code -wi 2}, {@code -f 2}).
 */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        CommandLineOptions given = new CommandLineOptions(args);
        OptionsBuilder options = new OptionsBuilder();
        options.parent(given);
        if (given.getIncludes().isEmpty()) {
            options.include(EngineBenchmark.class.getSimpleName());
        }
        options.forks(given.getForkCount().orElse(1))
                .warmupIterations(given.getWarmupIterations().orElse(4))
                .warmupTime(given.getWarmupTime().orElse(TimeValue.seconds(2)))
                .measurementIterations(given.getMeasurementIterations().orElse(5))
                .measurementTime(given.getMeasurementTime().orElse(TimeValue.seconds(2)))
                .resultFormat(ResultFormatType.JSON)
                .result(given.getResult().orElse("target/jmh-result.json"));
        if (given.getJvmArgsAppend().orElse(List.of()).isEmpty()) {
            options.jvmArgsAppend("-Xms1g", "-Xmx1g");
        }
        Collection<RunResult> results = new Runner(options.build()).run();
        print(results);
    }

    private static void print(Collection<RunResult> results) {
        Map<String, Map<String, double[]>> byPositions = new TreeMap<>();
        for (RunResult run : results) {
            String positions = run.getParams().getParam("positions");
            String benchmark = run.getParams().getBenchmark();
            benchmark = benchmark.substring(benchmark.lastIndexOf('.') + 1);
            byPositions.computeIfAbsent(positions, k -> new TreeMap<>()).put(benchmark,
                    new double[] {run.getPrimaryResult().getScore(), run.getPrimaryResult().getScoreError()});
        }
        List<String> lines = new ArrayList<>();
        lines.add(String.format("%-10s %22s %22s %22s %12s %12s", "positions", "plain Java /s", "engine one-at-a-time /s",
                "engine batch /s", "one : plain", "batch : plain"));
        for (Map.Entry<String, Map<String, double[]>> row : byPositions.entrySet()) {
            double[] plain = row.getValue().get("plainJava");
            double[] one = row.getValue().get("engineOneAtATime");
            double[] batch = row.getValue().get("engineBatch");
            lines.add(String.format("%-10s %22s %22s %22s %12s %12s", row.getKey(), score(plain), score(one), score(batch),
                    ratio(plain, one), ratio(plain, batch)));
        }
        System.out.println();
        System.out.println("Snapshots per second (JMH throughput, +- 99.9% error); ratio = plain-Java rate / engine rate");
        System.out.println("(how many times longer the engine takes than the same policy in plain Java):");
        lines.forEach(System.out::println);
    }

    private static String score(double[] s) {
        return s == null ? "-" : String.format("%,.0f +- %,.0f", s[0], s[1]);
    }

    private static String ratio(double[] plain, double[] engine) {
        return plain == null || engine == null ? "-" : String.format("%.1fx", plain[0] / engine[0]);
    }
}
