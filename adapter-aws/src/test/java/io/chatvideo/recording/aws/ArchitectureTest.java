package io.chatvideo.recording.aws;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.chatvideo.recording.core.testing.EmptyPackages;
import org.junit.jupiter.api.Test;

/** Holds the adapter to its place in the hexagon: plain Java on the AWS SDK, behind the core's ports. */
class ArchitectureTest {

  private static final String AWS = "io.chatvideo.recording.aws..";
  private static final JavaClasses ADAPTER = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("io.chatvideo.recording.aws");

  @Test
  void theAdapterUsesNoFramework() {
    noClasses().that().resideInAPackage(AWS)
        .should().dependOnClassesThat().resideInAnyPackage("io.micronaut..", "jakarta.inject..", "picocli..")
        .check(ADAPTER);
  }

  @Test
  void theAdapterKnowsTheCoresDomainAndPortsOnlyAndNoOtherAdapter() {
    classes().that().resideInAPackage(AWS)
        .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "javax.crypto..", "software.amazon.awssdk..",
            "io.chatvideo.recording.core.domain..", "io.chatvideo.recording.core.port..", AWS)
        .check(ADAPTER);
  }

  /** The job queue is public until the backend builds the SQS client with the others (the worker tier). */
  @Test
  void onlyTheBackendItsSettingsTheBootstrapAndTheJobQueueArePublic() {
    classes().that().resideInAPackage(AWS).and().arePublic()
        .should().haveSimpleNameStartingWith("Aws").orShould().haveSimpleNameStartingWith("Bootstrap")
        .orShould().haveSimpleName("CorsOrigin").orShould().haveSimpleName("SqsJobQueue")
        .check(ADAPTER);
  }

  /**
   * The storage adapters are split by concern into package-private parts; each part serves the one
   * adapter it was split from (and its sibling parts: the Scans page with the Queries' key forms), so
   * the adapter stays the port's only door and a part can change with it.
   */
  @Test
  void theStorageAdaptersPartsServeOnlyTheirAdapter() {
    classes().that().haveSimpleName("S3MultipartUploads").or().haveSimpleName("S3UrlSigner")
        .should().notBePublic().andShould().onlyHaveDependentClassesThat().haveSimpleName("S3ObjectStorage")
        .check(ADAPTER);
    classes().that().haveSimpleName("DynamoDbRecordingQueries").or().haveSimpleName("DynamoDbRecordingScans")
        .should().notBePublic().andShould().onlyHaveDependentClassesThat()
        .haveNameMatching(".*\\.DynamoDbRecording(Repository|Queries|Scans)")
        .check(ADAPTER);
  }

  @Test
  void noPackageIsEmpty() {
    assertThat(EmptyPackages.below(AwsBackend.class, "io.chatvideo.recording.aws"))
        .as("packages without a class or a sub-package").isEmpty();
  }
}
