package io.brokerpolicy.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.brokerpolicy.domain.PositionSortKey;
import io.brokerpolicy.engine.FactCatalogue.CatalogueType;
import io.brokerpolicy.engine.FactCatalogue.Role;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The catalogue is the rule authors' API: every member resolves to a public method whose type stays inside the
 * catalogue, names are unique, the close-out sort keys are PositionState properties, and docs/rule-language.md is
 * exactly what the catalogue generates.
 */
class FactCatalogueTest {

    private static final FactCatalogue CATALOGUE = FactCatalogue.standard();
    private static final Path DOC = Path.of("docs/rule-language.md");

    @Test
    void everyPropertyAndMethod_isPublic_andGivesAValueRulesCanHold() {
        for (CatalogueType type : CATALOGUE.types().values()) {
            type.properties().values().forEach(p -> {
                assertThat(Modifier.isPublic(p.accessor().getModifiers())).as(type.name() + "." + p.name()).isTrue();
                assertThat(p.accessor().getParameterCount()).as(type.name() + "." + p.name()).isZero();
                assertThat(Typed.kindOf(p.type(), CATALOGUE)).as(type.name() + "." + p.name()).isNotNull();
            });
            type.operations().values().forEach(o -> {
                assertThat(Modifier.isPublic(o.method().getModifiers())).as(type.name() + "." + o.name()).isTrue();
                assertThat(Modifier.isStatic(o.method().getModifiers())).as(type.name() + "." + o.name()).isFalse();
                assertThat(Typed.kindOf(o.type(), CATALOGUE)).as(type.name() + "." + o.name()).isNotNull();
                for (Class<?> parameter : o.method().getParameterTypes()) {
                    assertThat(Typed.kindOf(parameter, CATALOGUE)).as(type.name() + "." + o.name()).isNotNull();
                }
            });
        }
    }

    @Test
    void noMethodWhoseCostDependsOnAnArgument_isListed() {
        Set<String> argumentSized = Set.of("pow", "setScale", "scaleByPowerOfTen", "movePointLeft", "movePointRight",
                "format", "repeat", "toPlainString", "toString", "divide", "sqrt", "nCopies", "valueOf");
        for (CatalogueType type : CATALOGUE.types().values()) {
            for (Method method : type.operations().values().stream().map(FactCatalogue.Operation::method).toList()) {
                assertThat(argumentSized).as(type.name() + "." + method.getName()).doesNotContain(method.getName());
            }
        }
    }

    @Test
    void simpleNamesAreUnique_andNoTypeOutsideTheDomainButBigDecimal() {
        Set<String> names = new HashSet<>();
        for (Class<?> type : CATALOGUE.importedClasses()) {
            assertThat(names.add(type.getSimpleName())).as(type.getName()).isTrue();
            assertThat(type.getName().startsWith("io.brokerpolicy.domain.") || type == java.math.BigDecimal.class)
                    .as(type.getName()).isTrue();
        }
    }

    @Test
    void closeOutSortKeys_arePositionStateProperties() {
        CatalogueType position = CATALOGUE.type("PositionState").orElseThrow();
        for (PositionSortKey key : PositionSortKey.values()) {
            assertThat(position.properties()).as(key.property()).containsKey(key.property());
        }
    }

    @Test
    void resultsAreFacts_orCloseOutSteps() {
        CATALOGUE.results().values().forEach(r -> {
            boolean fact = CATALOGUE.typeOf(r.type()).map(t -> t.role() == Role.FACT).orElse(false);
            assertThat(fact || r.closeOut()).as(r.name()).isTrue();
        });
    }

    @Test
    void docsRuleLanguage_isWhatTheCatalogueGenerates() throws IOException {
        String generated = RuleLanguageDoc.markdown(CATALOGUE);
        if (Boolean.getBoolean("rule-language.write")) {
            Files.writeString(DOC, generated);
        }
        assertThat(Files.readString(DOC))
                .as("docs/rule-language.md is out of step with FactCatalogue; regenerate it with ./mvnw -q compile"
                        + " exec:java -Dexec.mainClass=io.brokerpolicy.engine.RuleLanguageDoc"
                        + " -Dexec.args=docs/rule-language.md")
                .isEqualTo(generated);
    }
}
