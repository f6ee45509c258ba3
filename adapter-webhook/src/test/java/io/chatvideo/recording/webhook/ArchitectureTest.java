package io.chatvideo.recording.webhook;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The sender knows the core's ports, the JDK, Apache HttpClient and the outbound guard it is built
 * on: no framework, no other adapter.
 */
class ArchitectureTest {

  private static final JavaClasses SENDER = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("io.chatvideo.recording.webhook");

  @Test
  void dependsOnTheCoreTheJdkAndHttpClientOnly() {
    classes().should().onlyDependOnClassesThat().resideInAnyPackage("java..", "javax.crypto..",
        "io.chatvideo.recording.core..", "io.chatvideo.recording.webhook..", "io.chatvideo.recording.outbound..",
        "org.apache.http..")
        .check(SENDER);
  }

  @Test
  void onlyTheSenderAndItsSettingsArePublic() {
    classes().that().arePublic().should().haveSimpleNameStartingWith("StandardWebhookSender")
        .orShould().haveSimpleName("WebhookSettings").check(SENDER);
  }
}
