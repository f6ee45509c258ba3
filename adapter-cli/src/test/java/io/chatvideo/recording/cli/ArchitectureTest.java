package io.chatvideo.recording.cli;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.chatvideo.recording.core.application.Recordings;
import picocli.CommandLine.Command;

/** The CLI's parts, by package: who may use whom. */
@AnalyzeClasses(packages = "io.chatvideo.recording.cli", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  static final String CLI = "io.chatvideo.recording.cli";

  /**
   * Main wires the commands; user commands call the client and the transfers, admin commands the
   * core; the client speaks HTTP and knows nothing above it; terminal and config are leaves.
   */
  @ArchTest
  static final ArchRule parts = layeredArchitecture().consideringOnlyDependenciesInLayers()
      .layer("entry").definedBy(CLI)
      .layer("command").definedBy(CLI + ".command..")
      .layer("admin").definedBy(CLI + ".admin..")
      .layer("transfer").definedBy(CLI + ".transfer..")
      .layer("client").definedBy(CLI + ".client..")
      .layer("terminal").definedBy(CLI + ".terminal..")
      .layer("config").definedBy(CLI + ".config..")
      .whereLayer("entry").mayNotBeAccessedByAnyLayer()
      .whereLayer("command").mayOnlyBeAccessedByLayers("entry")
      .whereLayer("admin").mayOnlyBeAccessedByLayers("command")
      .whereLayer("transfer").mayOnlyBeAccessedByLayers("command")
      .whereLayer("client").mayOnlyBeAccessedByLayers("command", "admin", "transfer")
      .whereLayer("client").mayOnlyAccessLayers("terminal")
      .whereLayer("terminal").mayNotAccessAnyLayer()
      .whereLayer("config").mayNotAccessAnyLayer();

  @ArchTest
  static final ArchRule partsAreFreeOfCycles = slices().matching(CLI + ".(*)..").should().beFreeOfCycles();

  /** Only the admin part knows which store is behind the core (the token file is adapter-local's owner-only file, a helper). */
  @ArchTest
  static final ArchRule onlyAdminPicksABackend = noClasses().that().resideOutsideOfPackage(CLI + ".admin..")
      .should().dependOnClassesThat(resideInAnyPackage("io.chatvideo.recording.local..", "io.chatvideo.recording.aws..")
          .and(not(resideInAPackage("io.chatvideo.recording.local.secret.."))));

  /** One composition: the admin commands and the worker compose through recording-wiring, as the server does. */
  @ArchTest
  static final ArchRule onlyTheWiringBuildsTheFacade = noClasses()
      .should().callMethod(Recordings.class, "builder")
      .orShould().dependOnClassesThat().resideInAnyPackage("io.chatvideo.recording.ffmpeg..",
          "io.chatvideo.recording.webhook..", "io.chatvideo.recording.openai..", "io.chatvideo.recording.outbound..");

  /** Commands, and only commands, are picocli's. */
  @ArchTest
  static final ArchRule commandsLiveInTheCommandParts = classes().that().areAnnotatedWith(Command.class)
      .should().resideInAnyPackage(CLI + ".command..", CLI + ".admin..");

  /** The client, the transfers and the config run without a command line around them. */
  @ArchTest
  static final ArchRule noPicocliBelowTheCommands = noClasses()
      .that().resideInAnyPackage(CLI + ".client..", CLI + ".transfer..", CLI + ".config..")
      .should().dependOnClassesThat().resideInAPackage("picocli..");

  /** The user commands speak HTTP: Micronaut stays out of the CLI for start-up time. */
  @ArchTest
  static final ArchRule noMicronaut = noClasses().should().dependOnClassesThat().resideInAnyPackage("io.micronaut..");
}
