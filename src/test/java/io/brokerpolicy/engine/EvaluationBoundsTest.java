package io.brokerpolicy.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.brokerpolicy.bundle.BundleReader;
import io.brokerpolicy.bundle.PolicyBundle;
import io.brokerpolicy.domain.AccountSnapshot;
import io.brokerpolicy.intake.SnapshotParser;
import io.brokerpolicy.testsupport.Snapshots;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** A rule that never comes to rest ends in an explicit error, never in a verdict. */
class EvaluationBoundsTest {

    private static final String NEVER_RESTS = """
            package brokerpolicy.loop
            import io.brokerpolicy.domain.MarginAccount

            rule "NeverRests"
                agenda-group "limits"
            when
                $a : MarginAccount( )
            then
                update( $a );
            end
            """;

    private static CompiledPolicy compileWithLoop(PolicyCompiler compiler) {
        Map<String, String> files = new TreeMap<>(BundleReader.read(Path.of("rules"), Path.of("policies")).files());
        files.put("rules/loop.drl", NEVER_RESTS);
        PolicyCompiler.Result result = compiler.compile(new PolicyBundle(files), 1);
        assertThat(result.errors()).isEmpty();
        return result.policy();
    }

    private static AccountSnapshot snapshot() {
        return new SnapshotParser(Clock.systemUTC()).parse(Snapshots.aSnapshot(), "");
    }

    @Test
    void endlessRule_stopsAtTheTimeLimit_withAnError() {
        CompiledPolicy policy = compileWithLoop(new PolicyCompiler(Integer.MAX_VALUE, 300));
        assertThatThrownBy(() -> policy.evaluate(snapshot()))
                .isInstanceOf(EvaluationException.class)
                .hasMessageContaining("300 ms (the time limit)")
                .hasMessageContaining("do not come to rest");
    }

    @Test
    void endlessRule_stopsAtTheFiringBound_withAnError() {
        CompiledPolicy policy = compileWithLoop(new PolicyCompiler(5_000, 60_000));
        assertThatThrownBy(() -> policy.evaluate(snapshot()))
                .isInstanceOf(EvaluationException.class)
                .hasMessageContaining("bound of 5000 rule firings");
    }
}
