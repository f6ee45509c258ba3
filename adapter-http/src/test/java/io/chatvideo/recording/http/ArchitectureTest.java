package io.chatvideo.recording.http;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The HTTP adapter speaks to the core's use cases; only the composition code knows the backends. */
@AnalyzeClasses(packages = "io.chatvideo.recording.http", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule onlyCompositionPicksTheAwsBackend = noClasses()
      .that().doNotHaveSimpleName("RecordingsFactory")
      .should().dependOnClassesThat().resideInAPackage("io.chatvideo.recording.aws..");

  @ArchTest
  static final ArchRule onlyCompositionAndTheObjectRoutesKnowTheLocalBackend = noClasses()
      .that().doNotHaveSimpleName("RecordingsFactory")
      .and().haveNameNotMatching(".*\\$RecordingsFactory\\$.*") // the bean definitions Micronaut generates for it
      .and().resideOutsideOfPackage("io.chatvideo.recording.http.objects")
      .should().dependOnClassesThat().resideInAPackage("io.chatvideo.recording.local..");
}
