package io.chatvideo.recording.http;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The HTTP adapter speaks to the core's use cases; only the composition code (the root package)
 * knows the backends, and the local backend's object routes its storage. Written against packages,
 * so a new class falls under the rule of the part it joins.
 */
@AnalyzeClasses(packages = "io.chatvideo.recording.http", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  static final String COMPOSITION = "io.chatvideo.recording.http";

  @ArchTest
  static final ArchRule onlyCompositionPicksTheAwsBackend = noClasses()
      .that().resideOutsideOfPackage(COMPOSITION)
      .should().dependOnClassesThat().resideInAPackage("io.chatvideo.recording.aws..");

  /** The dev secret's file is adapter-local's owner-only file, a helper rather than the backend. */
  @ArchTest
  static final ArchRule onlyCompositionAndTheObjectRoutesKnowTheLocalBackend = noClasses()
      .that().resideOutsideOfPackages(COMPOSITION, COMPOSITION + ".objects..")
      .should().dependOnClassesThat(resideInAPackage("io.chatvideo.recording.local..")
          .and(not(resideInAPackage("io.chatvideo.recording.local.secret.."))));

  @ArchTest
  static final ArchRule theApiEndpointsKnowTheUseCasesNotTheComposition = noClasses()
      .that().resideInAPackage(COMPOSITION + ".api..")
      .should().dependOnClassesThat().resideInAPackage(COMPOSITION);

  @ArchTest
  static final ArchRule problemsAreMappedWithoutKnowingTheEndpoints = noClasses()
      .that().resideInAPackage(COMPOSITION + ".problem..")
      .should().dependOnClassesThat().resideInAnyPackage(COMPOSITION + ".api..", COMPOSITION + ".auth..",
          COMPOSITION + ".objects..", COMPOSITION + ".config..");

  @ArchTest
  static final ArchRule onlyTheApiEndpointsSpeakTheWireTypes = noClasses()
      .that().resideOutsideOfPackage(COMPOSITION + ".api..")
      .should().dependOnClassesThat().resideInAPackage("io.chatvideo.recording.api..");
}
