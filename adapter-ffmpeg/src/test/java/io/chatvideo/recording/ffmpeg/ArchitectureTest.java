package io.chatvideo.recording.ffmpeg;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The engine adapter knows the core's ports, the JDK and Jackson (for ffprobe's JSON): no framework, no other adapter. */
class ArchitectureTest {

  private static final JavaClasses ENGINE = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("io.chatvideo.recording.ffmpeg");

  /** The JDK includes its sound API, which reads and writes the PCM a transcriber hears ({@code CrossTalkGate}). */
  @Test
  void dependsOnTheCoreTheJdkAndJacksonOnly() {
    classes().should().onlyDependOnClassesThat().resideInAnyPackage("java..", "javax.sound.sampled..",
        "io.chatvideo.recording.core..",
        "io.chatvideo.recording.ffmpeg..", "com.fasterxml.jackson..")
        .check(ENGINE);
  }

  @Test
  void onlyTheEngineAndItsSettingsArePublic() {
    classes().that().arePublic().should().haveSimpleNameStartingWith("Ffmpeg").check(ENGINE);
  }
}
