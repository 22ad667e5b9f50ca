package io.brokerpolicy.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Packages depend in one direction: api and app on top, domain at the bottom, no cycle anywhere. What
 * two packages both need moves down; it is never imported upward. The layers, top to bottom:
 * <pre>
 *   api                     REST resources: nothing imports them
 *   security                sign-in: used by the HTTP layer, and by start-up to explain a bad users file
 *   app                     start-up wiring and the use cases that span layers (evaluate-and-store, replay)
 *   policy                  lifecycle of policy versions: drafts, activation, watcher, replicas, simulation
 *   persistence             entities and writers, mapped to audit and domain types (entities go no further)
 *   audit                   the stored verdict document, hashing, verification, search, export
 *   engine                  Drools: compile, hold, evaluate with bounds
 *   intake                  snapshot JSON to domain, field errors
 *   bundle                  reading policy bundles: YAML policies, regulator floors, scenarios
 *   config                  configuration keys and their defaults
 *   domain                  plain Java: the arithmetic, the verdict, the policy terms
 * </pre>
 */
class DependencyRulesTest {

    private static final String[] FRAMEWORKS = {"io.quarkus..", "jakarta..", "javax..", "org.hibernate..", "org.kie..",
        "org.drools..", "com.fasterxml..", "org.yaml..", "io.vertx..", "org.jboss..", "io.smallrye..", "io.agroal.."};

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.brokerpolicy");
    }

    @Test
    void packagesAreFreeOfCycles() {
        slices().matching("io.brokerpolicy.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void layersDependOnlyDownward() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("api").definedBy("io.brokerpolicy.api..")
                .layer("security").definedBy("io.brokerpolicy.security..")
                .layer("app").definedBy("io.brokerpolicy.app..")
                .layer("policy").definedBy("io.brokerpolicy.policy..")
                .layer("persistence").definedBy("io.brokerpolicy.persistence..")
                .layer("audit").definedBy("io.brokerpolicy.audit..")
                .layer("engine").definedBy("io.brokerpolicy.engine..")
                .layer("intake").definedBy("io.brokerpolicy.intake..")
                .layer("bundle").definedBy("io.brokerpolicy.bundle..")
                .layer("config").definedBy("io.brokerpolicy.config..")
                .layer("domain").definedBy("io.brokerpolicy.domain..")
                .whereLayer("api").mayNotBeAccessedByAnyLayer()
                .whereLayer("security").mayOnlyBeAccessedByLayers("api", "app")
                .whereLayer("app").mayOnlyBeAccessedByLayers("api")
                .whereLayer("policy").mayOnlyBeAccessedByLayers("api", "app")
                .whereLayer("persistence").mayOnlyBeAccessedByLayers("api", "app", "policy")
                .whereLayer("audit").mayOnlyBeAccessedByLayers("api", "app", "policy", "persistence")
                .whereLayer("engine").mayOnlyBeAccessedByLayers("api", "app", "policy")
                .whereLayer("intake").mayOnlyBeAccessedByLayers("api", "app", "policy", "persistence", "audit")
                .whereLayer("bundle").mayOnlyBeAccessedByLayers("api", "app", "policy", "persistence", "engine")
                .whereLayer("config").mayOnlyBeAccessedByLayers("api", "security", "app", "policy", "persistence",
                        "audit", "engine", "intake", "bundle")
                .check(classes);
    }

    @Test
    void entitiesStayInPersistence() {
        noClasses().that().resideOutsideOfPackage("io.brokerpolicy.persistence..")
                .should().dependOnClassesThat().areAnnotatedWith("jakarta.persistence.Entity")
                .check(classes);
    }

    @Test
    void domainDependsOnNoFramework() {
        noClasses().that().resideInAPackage("io.brokerpolicy.domain..")
                .should().dependOnClassesThat().resideInAnyPackage(FRAMEWORKS)
                .check(classes);
    }

    @Test
    void domainDependsOnNoOtherLayer() {
        noClasses().that().resideInAPackage("io.brokerpolicy.domain..")
                .should().dependOnClassesThat().resideOutsideOfPackages("io.brokerpolicy.domain..", "java..")
                .check(classes);
    }

    @Test
    void engineKnowsNothingOfHttpOrPersistence() {
        noClasses().that().resideInAPackage("io.brokerpolicy.engine..")
                .should().dependOnClassesThat().resideInAnyPackage("io.brokerpolicy.api..", "io.brokerpolicy.persistence..",
                        "jakarta.ws..", "jakarta.persistence..", "org.hibernate..")
                .check(classes);
    }
}
