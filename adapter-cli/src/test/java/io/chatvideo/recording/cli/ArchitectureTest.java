package io.chatvideo.recording.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "io.chatvideo.recording.cli", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  /** Only the composition root and the backends it builds know which store is behind the core. */
  @ArchTest
  static final ArchRule onlyTheBackendFactoryPicksABackend = noClasses()
      .that().doNotHaveSimpleName("BackendFactory")
      .and().doNotHaveSimpleName("LocalAdminBackend")
      .and().doNotHaveSimpleName("AwsAdminBackend")
      .should().dependOnClassesThat().resideInAnyPackage("io.chatvideo.recording.local..", "io.chatvideo.recording.aws..");

  /** The user commands speak HTTP: Micronaut stays out of the CLI for start-up time. */
  @ArchTest
  static final ArchRule noMicronaut = noClasses().should().dependOnClassesThat().resideInAnyPackage("io.micronaut..");
}
