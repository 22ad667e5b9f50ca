package io.brokerpolicy.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The domain is plain Java: the arithmetic and the verdict must not depend on any framework. */
class DependencyRulesTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.brokerpolicy");
    }

    @Test
    void domainDependsOnNoFramework() {
        noClasses().that().resideInAPackage("io.brokerpolicy.domain..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.quarkus..", "jakarta..", "javax..", "org.hibernate..", "org.kie..", "org.drools..",
                        "com.fasterxml..", "org.yaml..", "io.vertx..", "org.jboss..", "io.smallrye..")
                .check(classes);
    }

    @Test
    void domainDependsOnNoOtherLayer() {
        noClasses().that().resideInAPackage("io.brokerpolicy.domain..")
                .should().dependOnClassesThat().resideInAnyPackage("io.brokerpolicy.engine..", "io.brokerpolicy.policy..",
                        "io.brokerpolicy.audit..", "io.brokerpolicy.api..", "io.brokerpolicy.persistence..",
                        "io.brokerpolicy.app..")
                .check(classes);
    }

    @Test
    void engineKnowsNothingOfHttpOrPersistence() {
        noClasses().that().resideInAPackage("io.brokerpolicy.engine..")
                .should().dependOnClassesThat().resideInAnyPackage("io.brokerpolicy.api..", "io.brokerpolicy.persistence..",
                        "jakarta.ws..", "org.hibernate..")
                .check(classes);
    }
}
