package io.chatvideo.recording.mail;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.chatvideo.recording.aws.AwsClients;
import io.chatvideo.recording.aws.AwsSettings;
import org.junit.jupiter.api.Test;

/** The mailers know the core, Jakarta Mail, the SES client and adapter-aws's client settings and region rule: no framework, no backend. */
class ArchitectureTest {

  private static final JavaClasses MAIL = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("io.chatvideo.recording.mail");

  @Test
  void dependsOnTheCoreJakartaMailAndTheSesClientOnly() {
    classes().should().onlyDependOnClassesThat(resideInAnyPackage("java..", "io.chatvideo.recording.core..",
        "io.chatvideo.recording.mail..", "jakarta.mail..", "software.amazon.awssdk..")
        .or(equivalentTo(AwsClients.class)).or(equivalentTo(AwsSettings.class)))
        .check(MAIL);
  }
}
