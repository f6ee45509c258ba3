package io.chatvideo.recording.outbound;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The guard knows the JDK and Apache HttpClient only: no core, no framework, no adapter. */
class ArchitectureTest {

  private static final JavaClasses GUARD = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("io.chatvideo.recording.outbound");

  @Test
  void dependsOnTheJdkAndHttpClientOnly() {
    classes().should().onlyDependOnClassesThat().resideInAnyPackage("java..", "javax.net..",
        "io.chatvideo.recording.outbound..", "org.apache.http..").check(GUARD);
  }

  @Test
  void onlyTheClientAndItsRefusalArePublic() {
    classes().that().arePublic().should().haveSimpleName("GuardedHttpClient")
        .orShould().haveSimpleName("RefusedAddressException").check(GUARD);
  }
}
