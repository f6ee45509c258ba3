package io.chatvideo.recording.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.chatvideo.recording.core.application.Recordings;
import io.chatvideo.recording.core.testing.EmptyPackages;
import org.junit.jupiter.api.Test;

/** Holds the hexagon: the core is plain Java, and its layers point inwards. */
class ArchitectureTest {

  private static final JavaClasses CORE = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("io.chatvideo.recording.core");

  @Test
  void theCoreDependsOnTheJdkOnly() { // javax.crypto is java.base too (the share media grant's HMAC)
    classes().that().resideInAPackage("io.chatvideo.recording.core..")
        .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "javax.crypto..", "io.chatvideo.recording.core..")
        .check(CORE);
  }

  @Test
  void layersPointInwards() {
    layeredArchitecture().consideringOnlyDependenciesInLayers()
        .layer("domain").definedBy("io.chatvideo.recording.core.domain..")
        .layer("ports").definedBy("io.chatvideo.recording.core.port..")
        .layer("application").definedBy("io.chatvideo.recording.core.application..")
        .whereLayer("application").mayNotBeAccessedByAnyLayer()
        .whereLayer("ports").mayOnlyBeAccessedByLayers("application")
        .whereLayer("domain").mayOnlyBeAccessedByLayers("ports", "application")
        .check(CORE);
  }

  @Test
  void useCaseImplementationsStayPackagePrivateBehindTheFacade() {
    classes().that().resideInAPackage("io.chatvideo.recording.core.application")
        .and().doNotHaveSimpleName("Recordings").and().areNotNestedClasses()
        .should().notBePublic()
        .check(CORE);
  }

  @Test
  void noPackageIsEmpty() {
    assertThat(EmptyPackages.below(Recordings.class, "io.chatvideo.recording.core"))
        .as("packages without a class or a sub-package").isEmpty();
  }
}
