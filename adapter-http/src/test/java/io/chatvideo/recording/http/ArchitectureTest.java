package io.chatvideo.recording.http;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.chatvideo.recording.core.application.Recordings;
import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * The HTTP adapter speaks to the core's use cases; the backends, the job runtime and the engines
 * are composed in recording-wiring, which the root package hands the server's settings and edges;
 * the local backend's object routes know its storage. Written against packages, so a new class
 * falls under the rule of the part it joins.
 */
@AnalyzeClasses(packages = "io.chatvideo.recording.http", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  static final String COMPOSITION = "io.chatvideo.recording.http";

  /** The aws backend is opened and wired in recording-wiring, for the server and the worker alike. */
  @ArchTest
  static final ArchRule nothingHerePicksTheAwsBackend = noClasses()
      .should().dependOnClassesThat().resideInAPackage("io.chatvideo.recording.aws..");

  /** One composition: the server adds its edges to recording-wiring's, never a second wiring of the core. */
  @ArchTest
  static final ArchRule onlyTheWiringBuildsTheFacade = noClasses()
      .should().callMethod(Recordings.class, "builder")
      .orShould().dependOnClassesThat().resideInAnyPackage("io.chatvideo.recording.ffmpeg..",
          "io.chatvideo.recording.webhook..", "io.chatvideo.recording.openai..", "io.chatvideo.recording.outbound..");

  @ArchTest
  static final ArchRule onlyCompositionKnowsTheWiring = noClasses()
      .that().resideOutsideOfPackages(COMPOSITION, COMPOSITION + ".config..", COMPOSITION + ".ops..")
      .should().dependOnClassesThat().resideInAPackage("io.chatvideo.recording.wiring..");

  /**
   * Every {@code recording.*} key is declared once in recording-wiring's {@code Setting} and read by
   * {@code ServerSettings} through its reader: Micronaut's binding, which takes a value it cannot
   * convert as unset, would be a second settings model.
   */
  @ArchTest
  static final ArchRule settingsAreReadThroughTheOneModelNotBoundByMicronaut = noClasses()
      .should().beAnnotatedWith(ConfigurationProperties.class);

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
