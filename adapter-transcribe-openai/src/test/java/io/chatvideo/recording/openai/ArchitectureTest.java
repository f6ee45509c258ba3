package io.chatvideo.recording.openai;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The engine knows the core's port, the JDK, Apache HttpClient through the outbound guard, and
 * Jackson: no framework, no other adapter.
 */
class ArchitectureTest {

  private static final JavaClasses ENGINE = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("io.chatvideo.recording.openai");

  @Test
  void dependsOnTheCoreTheGuardHttpClientAndJacksonOnly() {
    classes().should().onlyDependOnClassesThat().resideInAnyPackage("java..", "javax.sound..",
        "io.chatvideo.recording.core..", "io.chatvideo.recording.openai..", "io.chatvideo.recording.outbound..",
        "org.apache.http..", "com.fasterxml.jackson..").check(ENGINE);
  }

  @Test
  void onlyTheEngineAndItsSettingsArePublic() {
    classes().that().arePublic().should().haveSimpleName("OpenAiTranscriber")
        .orShould().haveSimpleName("OpenAiSettings").check(ENGINE);
  }
}
