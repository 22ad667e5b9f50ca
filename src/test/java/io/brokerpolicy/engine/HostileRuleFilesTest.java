package io.brokerpolicy.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.brokerpolicy.bundle.BundleReader;
import io.brokerpolicy.bundle.PolicyBundle;
import io.brokerpolicy.domain.policy.BundleError;
import io.brokerpolicy.engine.HostileRuleFiles.Hostile;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every hostile rule file, added to the repository's bundle, is refused by the compiler with its own file and
 * the line of the attack, and nothing of it runs. (The same files through the API and the folder watcher:
 * {@code HostileRuleFilesServiceTest}.)
 */
class HostileRuleFilesTest {

    private static final Map<String, String> REPOSITORY = BundleReader.read(Path.of("rules"), Path.of("policies")).files();

    static Stream<Hostile> hostileFiles() {
        return HostileRuleFiles.all().stream();
    }

    @Test
    void thereAreAtLeastFortyKindsOfAttack() {
        assertThat(HostileRuleFiles.all()).hasSizeGreaterThanOrEqualTo(40);
        assertThat(HostileRuleFiles.all().stream().map(Hostile::attack).distinct().count())
                .isEqualTo(HostileRuleFiles.all().size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileFiles")
    void hostileFile_isRefusedWithItsFileAndLine_andNothingOfItRuns(Hostile hostile) {
        Map<String, String> files = new TreeMap<>(REPOSITORY);
        files.put(hostile.bundlePath(), hostile.content());
        PolicyCompiler.Result result = new PolicyCompiler().compile(new PolicyBundle(files), 1);

        assertThat(result.valid()).as(hostile.attack()).isFalse();
        assertThat(result.errors()).as(hostile.attack()).isNotEmpty()
                .allSatisfy(e -> assertThat(e.file()).isEqualTo(hostile.bundlePath()))
                .allSatisfy(e -> assertThat(e.message()).isNotBlank())
                .anySatisfy(e -> assertThat(e.line()).isEqualTo(hostile.line()));
        assertThat(HostileRuleFiles.noSideEffect()).as("a payload ran").isTrue();
        System.out.println(hostile.name() + " -> " + result.errors().stream().map(BundleError::toString).toList());
    }
}
